using System.Text.Json.Nodes;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Titles;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>The minimal re-evaluation host (expiry window, re-check under current criteria, renew / downgrade / revoke).</summary>
public sealed class ReviewReEvaluationTests : IDisposable
{
    private const int InnovativeCase = 0; // meets innovative (score 80), fails specialized (R&D below 100万元)

    private readonly ReviewScenario _s = new();

    [Fact]
    public async Task A_title_still_met_is_renewed_for_three_years_when_the_window_opens_90_days_before_expiry()
    {
        var (app, title) = await CertifiedAsync();
        var instance = await StartReEvaluationAsync(title);

        // Valid until 2029-03-06: the window opens 90 days earlier, at 00:00 Beijing time on 2028-12-06.
        var timer = await _s.Db(db => db.Bookmarks.AsNoTracking().SingleAsync(b => b.InstanceId == instance && b.Kind == "Timer"));
        DateTime.SpecifyKind(timer.DueAt!.Value, DateTimeKind.Utc).Should().Be(new DateTimeOffset(2028, 12, 6, 0, 0, 0, TimeSpan.FromHours(8)).UtcDateTime);
        (await _s.AdvanceToAsync(new DateTimeOffset(2028, 12, 6, 0, 0, 1, TimeSpan.FromHours(8)))).Should().Be(1);

        await SubmitUpdatedDataAsync(instance);
        var titles = await _s.Db(db => db.Titles.AsNoTracking().Where(t => t.EnterpriseId == app.EnterpriseId).OrderBy(t => t.CreatedAt).ToListAsync());
        titles.Should().HaveCount(2);
        titles[0].Status.Should().Be(TitleStatus.Superseded);
        titles[1].Tier.Should().Be("innovative");
        titles[1].Status.Should().Be(TitleStatus.Valid);
        titles[1].CertificateNumber.Should().Be("CX-2028-000001");
        titles[1].ValidUntil.Should().Be(new DateOnly(2031, 12, 5));
    }

    [Fact]
    public async Task A_higher_title_no_longer_met_is_downgraded_to_the_tier_below_that_is()
    {
        var (app, _) = await CertifiedAsync();
        var specialized = Title.Issue(Guid.NewGuid().ToString("N"), app.EnterpriseId, null, "specialized", "ZJTX-2026-000001", "miit-2022",
            new DateOnly(2026, 3, 7), 3, _s.Clock.GetUtcNow().UtcDateTime);
        await _s.InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            db.Titles.Add(specialized);
            await db.SaveChangesAsync();
        });
        var instance = await StartReEvaluationAsync(specialized);
        await _s.AdvanceToAsync(new DateTimeOffset(2028, 12, 6, 0, 0, 1, TimeSpan.FromHours(8)));
        await SubmitUpdatedDataAsync(instance);

        var replaced = await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == specialized.Id));
        replaced.Status.Should().Be(TitleStatus.Superseded);
        var lower = await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.CertificateNumber.StartsWith("CX-2028-")));
        lower.Tier.Should().Be("innovative");
        lower.Status.Should().Be(TitleStatus.Valid);
        lower.ApplicationId.Should().BeNull("the lower title replaces the specialized one, which came from no application here");
    }

    [Fact]
    public async Task A_title_whose_enterprise_no_longer_qualifies_is_revoked()
    {
        var (app, title) = await CertifiedAsync();
        await _s.InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            var enterprise = await db.Enterprises.SingleAsync(e => e.Id == app.EnterpriseId);
            enterprise.UpdateProfile(enterprise.Profile with { IsSme = false }, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var instance = await StartReEvaluationAsync(title);
        await _s.AdvanceToAsync(new DateTimeOffset(2028, 12, 6, 0, 0, 1, TimeSpan.FromHours(8)));
        await SubmitUpdatedDataAsync(instance);

        var revoked = await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == title.Id));
        revoked.Status.Should().Be(TitleStatus.Revoked);
        revoked.StatusReason.Should().Be("复核未通过");
    }

    private async Task<(SeededApplication App, Title Title)> CertifiedAsync()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Recommended");
        await _s.CompleteAsync(app.ApplicationId, "Certification.FormalReview", "Passed");
        await _s.AdvanceToAsync(new DateTimeOffset(2026, 3, 7, 0, 0, 1, TimeSpan.FromHours(8)));
        return (app, await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.ApplicationId == app.ApplicationId)));
    }

    private async Task<string> StartReEvaluationAsync(Title title)
    {
        var started = await _s.InScope(sp => sp.GetRequiredService<WorkflowRuntime>().StartAsync("re-evaluation",
            new JsonObject { ["titleId"] = title.Id, ["regionCode"] = "330106" }, title.ApplicationId ?? title.Id, "system"));
        started.Applied.Should().BeTrue(started.Message);
        return started.InstanceId!;
    }

    private async Task SubmitUpdatedDataAsync(string instanceId)
    {
        var task = await _s.Db(db => db.HumanTasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Status == "Open"));
        task.FormKey.Should().Be("re-evaluation");
        var answer = await _s.InScope(sp => sp.GetRequiredService<WorkflowRuntime>()
            .ResumeAsync(task.Id, new JsonObject { ["outcome"] = "Submitted" }, "enterprise"));
        answer.Applied.Should().BeTrue(answer.Message);
        answer.Status.Should().Be("Finished");
    }

    public void Dispose() => _s.Dispose();
}
