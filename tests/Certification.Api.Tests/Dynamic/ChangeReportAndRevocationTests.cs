using System.Net;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using Certification.Domain.Dynamic;
using Certification.Domain.Titles;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using static Certification.Api.Tests.Dynamic.DynamicScenario;

namespace Certification.Api.Tests.Dynamic;

/// <summary>
/// Major-change reports (due within 3 months, late ones flagged, each re-checked by an officer) and revocation on the
/// rules' grounds with its reapplication ban (refused before the ban's end date, allowed from it on).
/// </summary>
public sealed class ChangeReportAndRevocationTests : IDisposable
{
    private readonly ReviewScenario _s = new();

    [Fact]
    public async Task A_change_reported_more_than_three_months_late_is_flagged_to_the_enterprise_and_the_officers()
    {
        var (enterprise, _) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1));

        // Today is 2026-03-02: a change of 2025-12-02 is due by 2026-03-02 (on time); one of 2025-12-01 was due by 2026-03-01.
        var onTime = await ReportAsync(enterprise.Id, "rename", "2025-12-02");
        onTime["late"]!.GetValue<bool>().Should().BeFalse();
        onTime["lateNotice"].Should().BeNull();
        var late = await ReportAsync(enterprise.Id, "relocation", "2025-12-01");
        late["late"]!.GetValue<bool>().Should().BeTrue();
        ((string)late["dueBy"]!).Should().Be("2026-03-01");
        ((string)late["lateNotice"]!).Should().Contain("逾期报告").And.Contain("2026-03-01");
        ((string)late["kindLabel"]!).Should().Be("迁出省份（跨省迁移）");

        var own = (await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Get, $"/api/enterprises/{enterprise.Id}/change-reports"))).AsArray();
        own.Should().HaveCount(2);
        var flagged = (await _s.OkAsync(AsAsync(_s, FormalReviewer(), HttpMethod.Get, "/api/change-reports?late=true"))).AsArray();
        flagged.Select(r => (string)r!["id"]!).Should().Equal((string)late["id"]!);
        (await _s.OkAsync(AsAsync(_s, TestAccount.Regulator("44"), HttpMethod.Get, "/api/change-reports"))).AsArray()
            .Should().BeEmpty("another province's regulator sees none of Zhejiang's reports");

        // Each report waits for the formal stage's re-check in the inbox of the region.
        var inbox = (await _s.OkAsync(AsAsync(_s, FormalReviewer(), HttpMethod.Get, "/api/tasks"))).AsArray();
        inbox.Count(t => (string)t!["activityType"]! == "Certification.ChangeReview").Should().Be(2);
    }

    [Fact]
    public async Task An_officer_re_checks_a_change_keeping_or_revoking_the_titles()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1));
        var merger = await ReportAsync(enterprise.Id, "merger", "2026-02-01");
        var kept = await _s.OkAsync(AsAsync(_s, FormalReviewer(), HttpMethod.Post, $"/api/change-reports/{merger["id"]}/decide",
            new { decision = "Kept", reason = "合并后主营业务不变" }));
        ((string)kept["status"]!).Should().Be(ChangeReportStatus.Kept);
        (await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == title.Id))).Status.Should().Be(TitleStatus.Valid);
        (await AsAsync(_s, FormalReviewer(), HttpMethod.Post, $"/api/change-reports/{merger["id"]}/decide", new { decision = "Revoked", reason = "再次处理" }))
            .Status.Should().Be(HttpStatusCode.Conflict);

        var branch = await ReportAsync(enterprise.Id, "overseas-branch", "2026-02-15");
        var revoked = await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, $"/api/change-reports/{branch["id"]}/decide",
            new { decision = "Revoked", reason = "主要生产经营活动已迁往境外" }));
        ((string)revoked["status"]!).Should().Be(ChangeReportStatus.Revoked);
        var after = await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == title.Id));
        after.Status.Should().Be(TitleStatus.Revoked);
        after.StatusReason.Should().Contain("主要生产经营活动已迁往境外");
        (await _s.TasksOfAsync((string)branch["id"]!)).Should().OnlyContain(t => t.Status == HumanTaskStatus.Completed);
    }

    [Fact]
    public async Task Only_a_title_holder_reports_changes_and_bad_reports_name_the_field()
    {
        var (enterprise, _) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2020, 1, 1)); // expired 2022-12-31
        (await AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Post, $"/api/enterprises/{enterprise.Id}/change-reports",
            new { kind = "rename", changedOn = "2026-02-01", description = "更名" })).Status.Should().Be(HttpStatusCode.Conflict);
        var unknown = await AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Post, $"/api/enterprises/{enterprise.Id}/change-reports",
            new { kind = "new-logo", changedOn = "2026-02-01", description = "更换标识" });
        unknown.Status.Should().Be(HttpStatusCode.BadRequest);
        ((string)unknown.Body!["field"]!).Should().Be("kind");
    }

    [Fact]
    public async Task A_revoked_enterprise_may_not_reapply_for_three_years_and_may_from_the_day_the_ban_ends()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1));
        var reasons = (await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Get, "/api/revocation-reasons"))).AsArray();
        reasons.Select(r => (string)r!["label"]!).Should().Equal("提供虚假材料", "发生重大安全、质量、环境事故", "严重违法违规", "列入严重失信主体名单", "复核未通过");

        var unknown = await AsAsync(_s, FormalReviewer(), HttpMethod.Post, $"/api/titles/{title.Id}/revoke", new { reason = "dislike" });
        unknown.Status.Should().Be(HttpStatusCode.BadRequest);
        ((string)unknown.Body!["field"]!).Should().Be("reason");
        (await AsAsync(_s, FormalReviewer("44"), HttpMethod.Post, $"/api/titles/{title.Id}/revoke", new { reason = "false-information" }))
            .Status.Should().Be(HttpStatusCode.NotFound);
        (await AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Post, $"/api/titles/{title.Id}/revoke", new { reason = "false-information" }))
            .Status.Should().Be(HttpStatusCode.Forbidden);

        var revocation = await _s.OkAsync(AsAsync(_s, FormalReviewer(), HttpMethod.Post, $"/api/titles/{title.Id}/revoke",
            new { reason = "false-information", detail = "研发费用票据系伪造" }));
        ((string)revocation["status"]!).Should().Be(TitleStatus.Revoked);
        ((string)revocation["statusReason"]!).Should().Be("提供虚假材料：研发费用票据系伪造");
        ((string)revocation["reapplyBannedUntil"]!).Should().Be("2029-03-02");
        (await AsAsync(_s, FormalReviewer(), HttpMethod.Post, $"/api/titles/{title.Id}/revoke", new { reason = "dishonest" }))
            .Status.Should().Be(HttpStatusCode.Conflict, "revoked before");

        // The enterprise's own views show the ban and when it ends.
        var view = await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Get, $"/api/enterprises/{enterprise.Id}"));
        ((string)view["reapplyBannedUntil"]!).Should().Be("2029-03-02");
        ((string)view["reapplyBanNotice"]!).Should().Contain("2029-03-02 之前不得重新申报");
        var titles = (await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Get, $"/api/enterprises/{enterprise.Id}/titles"))).AsArray();
        ((string)titles.Single()!["statusReason"]!).Should().Contain("提供虚假材料");
        ((string)titles.Single()!["revokedOn"]!).Should().Be("2026-03-02", "the day of the revocation, Beijing time");

        // The day before the ban ends: refused, saying until when.
        await _s.AdvanceToAsync(Beijing(2029, 3, 1));
        var refused = await AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Post, "/api/applications",
            new { enterpriseId = enterprise.Id, batchId = await BatchAsync("2029-02-20", "2029-04-30") });
        refused.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)refused.Body!["detail"]!).Should().Contain("2029-03-02 之前不得重新申报");

        // From the ban's end date on: allowed.
        await _s.AdvanceToAsync(Beijing(2029, 3, 2));
        (await AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Post, "/api/applications",
            new { enterpriseId = enterprise.Id, batchId = await BatchAsync("2029-02-20", "2029-04-30") })).Status.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Revoking_a_title_under_re_evaluation_closes_the_re_evaluation_and_its_tasks()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2023, 5, 1));
        await OpenDueReEvaluationsAsync(_s);
        var review = await ReEvaluationOfAsync(_s, title);
        await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Post, $"/api/re-evaluations/{review["id"]}/submit"));

        await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, $"/api/titles/{title.Id}/revoke", new { reason = "major-incident" }));

        var closed = await ReEvaluationOfAsync(_s, title);
        ((string)closed["status"]!).Should().Be(ReEvaluationStatus.Cancelled);
        (await _s.TasksOfAsync(title.Id)).Should().NotContain(t => t.Status == HumanTaskStatus.Open);
        (await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == title.Id))).Status.Should().Be(TitleStatus.Revoked);
    }

    [Fact]
    public async Task Revoking_on_a_change_re_check_also_closes_the_titles_open_re_evaluation()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2023, 5, 1));
        await OpenDueReEvaluationsAsync(_s);
        var relocation = await ReportAsync(enterprise.Id, "relocation", "2026-02-20");
        await _s.OkAsync(AsAsync(_s, FormalReviewer(), HttpMethod.Post, $"/api/change-reports/{relocation["id"]}/decide",
            new { decision = "Revoked", reason = "已迁往外省，由迁入地重新认定" }));

        ((string)(await ReEvaluationOfAsync(_s, title))["status"]!).Should().Be(ReEvaluationStatus.Cancelled);
        (await _s.TasksOfAsync(title.Id)).Should().NotContain(t => t.Status == HumanTaskStatus.Open);
        (await _s.Db(db => db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == enterprise.Id))).ReapplyBannedUntil
            .Should().BeNull("a change re-check bars no reapplication by itself");
    }

    private async Task<System.Text.Json.Nodes.JsonNode> ReportAsync(string enterpriseId, string kind, string changedOn) =>
        await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterpriseId), HttpMethod.Post, $"/api/enterprises/{enterpriseId}/change-reports",
            new { kind, changedOn, description = $"报告{kind}" }), HttpStatusCode.Created);

    private async Task<string> BatchAsync(string opensOn, string closesOn)
    {
        var batch = await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/batches",
            new { name = $"批次{Guid.NewGuid():N}"[..10], tier = "innovative", regionPrefix = "33", opensOn, closesOn }), HttpStatusCode.Created);
        return (string)batch["id"]!;
    }

    public void Dispose() => _s.Dispose();
}
