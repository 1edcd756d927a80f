using System.Net;
using Certification.Workflows.Features.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>
/// What the lifecycle steps read of a frozen submission (<see cref="LifecycleData.LatestSubmissionAsync"/>): the
/// newest version's number, time and evaluation, whether it is stored or only added in the current unit of work.
/// </summary>
public sealed class FrozenSubmissionReadTests : IDisposable
{
    private readonly IntakeApi _api = new();

    [Fact]
    public async Task The_newest_stored_version_is_read_in_a_fresh_unit_of_work()
    {
        var (_, _, id) = await _api.CompleteDraftAsync();
        await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);

        var (latest, profile, stored) = await _api.WithDbAsync(async (db, _) =>
        {
            // Untracked, so that nothing but the database can answer.
            var version = await db.ApplicationVersions.AsNoTracking().SingleAsync(v => v.ApplicationId == id);
            var application = await db.Applications.FindAsync(id);
            return (await db.LatestSubmissionAsync(application!), await db.FrozenProfileJsonAsync(id, 1), version);
        });

        latest.Should().Be(new FrozenSubmission(1, stored.SubmittedAt, stored.EvaluationJson));
        profile.Should().Be(stored.ProfileJson);
    }

    [Fact]
    public async Task A_resubmission_not_yet_saved_is_the_newest_and_its_profile_comes_from_the_tracker()
    {
        var (_, _, id) = await _api.CompleteDraftAsync();
        await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);

        var (latest, second, first) = await _api.WithDbAsync(async (db, _) =>
        {
            var application = (await db.Applications.FindAsync(id))!;
            application.ReturnForCorrection("补充材料");
            var added = application.Submit("{\"name\":\"second\"}", "{\"tier\":\"innovative\"}", true, 70m, "tester", DateTime.UtcNow);
            db.ApplicationVersions.Add(added);
            return (await db.LatestSubmissionAsync(application), await db.FrozenProfileJsonAsync(id, 2), await db.FrozenProfileJsonAsync(id, 1));
        });

        latest!.Version.Should().Be(2);
        latest.EvaluationJson.Should().Be("{\"tier\":\"innovative\"}");
        second.Should().Be("{\"name\":\"second\"}");
        first.Should().NotBeNullOrEmpty().And.NotBe(second, "version 1 is still read from the database");
    }

    [Fact]
    public async Task An_application_never_submitted_has_no_frozen_submission()
    {
        var (_, _, id) = await _api.CompleteDraftAsync();

        var (latest, profile) = await _api.WithDbAsync(async (db, _) =>
            (await db.LatestSubmissionAsync((await db.Applications.FindAsync(id))!), await db.FrozenProfileJsonAsync(id, 1)));

        latest.Should().BeNull();
        profile.Should().BeNull();
    }

    public void Dispose() => _api.Dispose();
}
