using System.Net;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using Certification.Domain.Dynamic;
using Certification.Domain.Titles;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Certification.Api.Tests.Dynamic.DynamicScenario;

namespace Certification.Api.Tests.Dynamic;

/// <summary>
/// Re-evaluation (复核): the background sweep opens it 90 days before a title expires; the enterprise submits its data;
/// the criteria in force propose renewal, downgrade or lapse; an officer confirms; the clock moves across the expiry.
/// </summary>
public sealed class ReEvaluationTests : IDisposable
{
    private readonly ReviewScenario _s = new();

    [Fact]
    public async Task A_certified_title_still_met_is_renewed_for_three_years_after_the_window_opens_90_days_before_expiry()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Recommended");
        await _s.CompleteAsync(app.ApplicationId, "Certification.FormalReview", "Passed");
        await _s.AdvanceToAsync(Beijing(2026, 3, 7, 0));
        var title = await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.ApplicationId == app.ApplicationId));
        title.ValidUntil.Should().Be(new DateOnly(2029, 3, 6));

        // Valid until 2029-03-06: the window opens 90 days earlier, on 2028-12-06 (Beijing time).
        (await AdvanceToAsync(_s, Beijing(2028, 12, 5, 23))).Should().Be(0, "the window is not open yet");
        (await AdvanceToAsync(_s, Beijing(2028, 12, 6, 0))).Should().Be(1);
        (await OpenDueReEvaluationsAsync(_s)).Should().Be(0, "a title's re-evaluation opens once");
        var review = await ReEvaluationOfAsync(_s, title);
        ((string)review["status"]!).Should().Be(ReEvaluationStatus.AwaitingData);

        var submitted = await SubmitAsync(title.EnterpriseId, (string)review["id"]!);
        ((string)submitted["status"]!).Should().Be(ReEvaluationStatus.AwaitingConfirmation);
        ((string)submitted["proposedOutcome"]!).Should().Be("Renewed");
        ((string)submitted["criteriaVersion"]!).Should().Be("miit-2022", "the version in force applies");
        submitted["allowedOutcomes"]!.AsArray().Select(o => (string)o!).Should().Equal("Renewed", "Lapsed");
        (await _s.TasksOfAsync(title.Id)).Should().Contain(t => t.ActivityType == "Certification.ConfirmReEvaluation" && t.Status == HumanTaskStatus.Open);

        var confirmed = await ConfirmAsync((string)review["id"]!, "Renewed");
        ((string)confirmed["status"]!).Should().Be(ReEvaluationStatus.Renewed);

        var titles = await TitlesAsync(title.EnterpriseId);
        titles.Should().HaveCount(2);
        titles.Single(t => t.Id == title.Id).Status.Should().Be(TitleStatus.Superseded);
        var renewed = titles.Single(t => t.Id == (string)confirmed["newTitleId"]!);
        renewed.Tier.Should().Be("innovative");
        renewed.Status.Should().Be(TitleStatus.Valid);
        renewed.CertificateNumber.Should().Be("CX-2028-000001");
        renewed.ValidUntil.Should().Be(new DateOnly(2031, 12, 5), "3 years from the renewal");

        // Across the old expiry the enterprise still holds a valid title.
        await _s.AdvanceToAsync(Beijing(2029, 3, 8));
        var view = (await _s.OkAsync(AsAsync(_s, EnterpriseAccount(title.EnterpriseId), HttpMethod.Get, $"/api/enterprises/{title.EnterpriseId}/titles"))).AsArray();
        view.Single(t => (string)t!["id"]! == renewed.Id)!["validToday"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_title_no_longer_met_lapses_at_its_end_date_without_revocation_or_ban()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2023, 5, 1),
            tweak: p => p with { Compliance = p.Compliance! with { MajorIncidentLast3Years = true } });
        (await OpenDueReEvaluationsAsync(_s)).Should().Be(1, "valid until 2026-04-30, within 90 days of 2026-03-02");
        var review = await ReEvaluationOfAsync(_s, title);

        var submitted = await SubmitAsync(enterprise.Id, (string)review["id"]!);
        ((string)submitted["proposedOutcome"]!).Should().Be("Lapsed");
        submitted["evaluations"]!.AsArray().Should().ContainSingle()
            .Which!["failed"]!.AsArray().Select(f => (string)f!["code"]!).Should().Contain("G5");
        var confirmed = await ConfirmAsync((string)review["id"]!, "Lapsed");
        ((string)confirmed["status"]!).Should().Be(ReEvaluationStatus.Lapsed);

        var lapsing = (await TitlesAsync(enterprise.Id)).Single();
        lapsing.Status.Should().Be(TitleStatus.Valid, "a lapse is not a revocation");
        lapsing.StatusReason.Should().Contain("2026-04-30 届满失效");
        lapsing.IsValidOn(new DateOnly(2026, 4, 30)).Should().BeTrue();

        await _s.AdvanceToAsync(Beijing(2026, 5, 1));
        var view = (await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Get, $"/api/enterprises/{enterprise.Id}/titles"))).AsArray();
        view.Single()!["validToday"]!.GetValue<bool>().Should().BeFalse();
        (await _s.Db(db => db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == enterprise.Id))).ReapplyBannedUntil.Should().BeNull();
    }

    [Fact]
    public async Task A_little_giant_that_meets_only_specialized_is_downgraded_to_a_specialized_title()
    {
        var (enterprise, title) = await HolderAsync(_s, SpecializedCase, "little-giant", new DateOnly(2023, 5, 1));
        await OpenDueReEvaluationsAsync(_s);
        var review = await ReEvaluationOfAsync(_s, title);

        var submitted = await SubmitAsync(enterprise.Id, (string)review["id"]!);
        ((string)submitted["proposedOutcome"]!).Should().Be("Downgraded");
        ((string)submitted["proposedTier"]!).Should().Be("specialized");
        submitted["evaluations"]!.AsArray().Select(e => ((string)e!["tier"]!, (bool)e["eligible"]!))
            .Should().Equal(("little-giant", false), ("specialized", true));

        // Renewing what the data does not support is not an option; lapsing is.
        var refused = await AsAsync(_s, FormalReviewer(), HttpMethod.Post, $"/api/re-evaluations/{review["id"]}/confirm", new { outcome = "Renewed" });
        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        ((string)refused.Body!["field"]!).Should().Be("outcome");

        var confirmed = await ConfirmAsync((string)review["id"]!, "Downgraded");
        ((string)confirmed["status"]!).Should().Be(ReEvaluationStatus.Downgraded);
        var titles = await TitlesAsync(enterprise.Id);
        titles.Single(t => t.Id == title.Id).Status.Should().Be(TitleStatus.Superseded);
        var lower = titles.Single(t => t.Id == (string)confirmed["newTitleId"]!);
        lower.Tier.Should().Be("specialized");
        lower.CertificateNumber.Should().StartWith("ZJTX-2026-");
        lower.CriteriaVersion.Should().Be("miit-2022");

        await _s.AdvanceToAsync(Beijing(2026, 5, 2));
        var view = (await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Get, $"/api/enterprises/{enterprise.Id}/titles"))).AsArray();
        view.Where(t => t!["validToday"]!.GetValue<bool>()).Select(t => (string)t!["tier"]!).Should().Equal("specialized");
    }

    [Fact]
    public async Task Without_the_enterprises_data_by_the_expiry_the_title_lapses()
    {
        var (_, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2023, 5, 1));
        await OpenDueReEvaluationsAsync(_s);

        // The data is due by the end of the title's last day, 2026-04-30.
        (await _s.AdvanceToAsync(Beijing(2026, 4, 30, 23))).Should().Be(0);
        (await _s.AdvanceToAsync(Beijing(2026, 5, 1, 0))).Should().Be(1);

        var review = await ReEvaluationOfAsync(_s, title);
        ((string)review["status"]!).Should().Be(ReEvaluationStatus.Lapsed);
        ((string)review["reason"]!).Should().Contain("未在复核期内提交");
        (await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == title.Id))).Status.Should().Be(TitleStatus.Valid);
    }

    [Fact]
    public async Task Officers_confirm_within_their_stage_and_region_and_an_override_needs_a_reason()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2023, 5, 1));
        await OpenDueReEvaluationsAsync(_s);
        var id = (string)(await ReEvaluationOfAsync(_s, title))["id"]!;
        (await AsAsync(_s, FormalReviewer(), HttpMethod.Post, $"/api/re-evaluations/{id}/confirm", new { outcome = "Renewed" }))
            .Status.Should().Be(HttpStatusCode.Conflict, "the enterprise has not submitted its data yet");
        await SubmitAsync(enterprise.Id, id);

        (await AsAsync(_s, TestAccount.Reviewer("preliminary", "33"), HttpMethod.Post, $"/api/re-evaluations/{id}/confirm", new { outcome = "Renewed" }))
            .Status.Should().Be(HttpStatusCode.Forbidden);
        (await AsAsync(_s, FormalReviewer("44"), HttpMethod.Post, $"/api/re-evaluations/{id}/confirm", new { outcome = "Renewed" }))
            .Status.Should().Be(HttpStatusCode.NotFound);
        (await AsAsync(_s, TestAccount.Regulator("33"), HttpMethod.Post, $"/api/re-evaluations/{id}/confirm", new { outcome = "Renewed" }))
            .Status.Should().Be(HttpStatusCode.Forbidden);
        var noReason = await AsAsync(_s, TestAccount.Admin, HttpMethod.Post, $"/api/re-evaluations/{id}/confirm", new { outcome = "Lapsed" });
        noReason.Status.Should().Be(HttpStatusCode.BadRequest);
        ((string)noReason.Body!["field"]!).Should().Be("reason");

        var lapsed = await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, $"/api/re-evaluations/{id}/confirm",
            new { outcome = "Lapsed", reason = "现场核查发现主营业务已转型" }));
        ((string)lapsed["outcome"]!).Should().Be("Lapsed");
        ((string)lapsed["decidedBy"]!).Should().Be("admin");
        (await AsAsync(_s, FormalReviewer(), HttpMethod.Post, $"/api/re-evaluations/{id}/confirm", new { outcome = "Renewed" }))
            .Status.Should().Be(HttpStatusCode.Conflict, "decided before");
    }

    [Fact]
    public async Task The_lead_time_and_the_ban_are_settings()
    {
        using var s = new ReviewScenario(new Dictionary<string, string> { ["Dynamic:ReEvaluationLeadDays"] = "30", ["Dynamic:ReapplyBanYears"] = "5" });
        var (_, title) = await HolderAsync(s, InnovativeCase, "innovative", new DateOnly(2023, 5, 1)); // valid until 2026-04-30

        (await AdvanceToAsync(s, Beijing(2026, 3, 30, 23))).Should().Be(0, "30 days before 2026-04-30 is 2026-03-31");
        (await AdvanceToAsync(s, Beijing(2026, 3, 31, 0))).Should().Be(1);
        var revocation = await s.OkAsync(AsAsync(s, TestAccount.Admin, HttpMethod.Post, $"/api/titles/{title.Id}/revoke", new { reason = "serious-violation" }));
        ((string)revocation["reapplyBannedUntil"]!).Should().Be("2031-03-31");
    }

    private async Task<System.Text.Json.Nodes.JsonNode> SubmitAsync(string enterpriseId, string reEvaluationId) =>
        await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterpriseId), HttpMethod.Post, $"/api/re-evaluations/{reEvaluationId}/submit"));

    private async Task<System.Text.Json.Nodes.JsonNode> ConfirmAsync(string reEvaluationId, string outcome) =>
        await _s.OkAsync(AsAsync(_s, FormalReviewer(), HttpMethod.Post, $"/api/re-evaluations/{reEvaluationId}/confirm", new { outcome }));

    private Task<List<Title>> TitlesAsync(string enterpriseId) =>
        _s.Db(db => db.Titles.AsNoTracking().Where(t => t.EnterpriseId == enterpriseId).OrderBy(t => t.CreatedAt).ToListAsync());

    public void Dispose() => _s.Dispose();
}
