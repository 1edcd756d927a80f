using System.Net;
using System.Text.Json;
using Certification.Api.Identity;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using Certification.Domain.Applications;
using Certification.Domain.Criteria;
using Certification.Domain.Dynamic;
using Certification.Domain.Publicity;
using Certification.Domain.Titles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Certification.Api.Tests.Dynamic.DynamicScenario;

namespace Certification.Api.Tests.Web;

/// <summary>
/// The officers' dynamic-management pages: re-evaluations confirmed, titles revoked with their ban, the watch list,
/// objections resolved, change reports decided by administrators too; each within the officer's region and role.
/// </summary>
public sealed class OfficerDynamicPagesTests : IDisposable
{
    private readonly ReviewScenario _s = new();

    private HttpClient As(TestAccount account) => _s.Factory.CreateClientAs(account);

    [Fact]
    public async Task An_officer_confirms_a_re_evaluation_from_its_page_choosing_only_what_the_feature_accepts()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2023, 5, 1), name: "乙复核科技有限公司");
        await OpenDueReEvaluationsAsync(_s);
        var id = (string)(await ReEvaluationOfAsync(_s, title))["id"]!;
        (await As(FormalReviewer()).GetStringAsync("/officer/re-evaluations")).Should().NotContain("乙复核科技有限公司", "it awaits the enterprise's data");
        (await As(FormalReviewer()).GetStringAsync("/officer/re-evaluations?status=Open")).Should().Contain("乙复核科技有限公司");
        await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Post, $"/api/re-evaluations/{id}/submit"));

        var officer = As(FormalReviewer());
        (await officer.GetStringAsync("/officer/re-evaluations")).Should().Contain("乙复核科技有限公司").And.Contain($"/officer/re-evaluations/{id}");
        // The confirmation task in the reviewer's inbox leads to the same page (by the title it is about).
        (await officer.GetStringAsync("/review")).Should().Contain($"href=\"/officer/re-evaluations?title={title.Id}\"");
        var byTitle = await officer.GetAsync($"/officer/re-evaluations?title={title.Id}");
        byTitle.StatusCode.Should().Be(HttpStatusCode.Redirect);
        byTitle.Headers.Location!.OriginalString.Should().Be($"/officer/re-evaluations/{id}");
        var page = await officer.GetAsync($"/officer/re-evaluations/{id}");
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain(title.CertificateNumber).And.Contain("miit-2022").And.Contain("data-testid=\"indicators-innovative\"")
            .And.Contain("data-testid=\"proposal\">续期<");
        // The proposal is to renew: renewing or letting it lapse are the choices; a downgrade is not offered.
        html.Should().Contain("value=\"Renewed\"").And.Contain("value=\"Lapsed\"").And.NotContain("value=\"Downgraded\"");

        var noReason = await officer.PostFormAsync($"/officer/re-evaluations/{id}", page, html, new() { ["Outcome"] = "Lapsed", ["Reason"] = "" });
        noReason.StatusCode.Should().Be(HttpStatusCode.OK);
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("确认结果与建议结果不同，必须填写理由").And.Contain("field-error");
        (await ReEvaluationOfAsync(_s, title))["status"]!.GetValue<string>().Should().Be(ReEvaluationStatus.AwaitingConfirmation);

        var done = await officer.PostFormAsync($"/officer/re-evaluations/{id}", page, html, new() { ["Outcome"] = "Renewed", ["Reason"] = "" });
        done.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var titles = await _s.Db(db => db.Titles.AsNoTracking().Where(t => t.EnterpriseId == enterprise.Id).ToListAsync());
        titles.Single(t => t.Id == title.Id).Status.Should().Be(TitleStatus.Superseded);
        titles.Should().ContainSingle(t => t.Id != title.Id && t.Status == TitleStatus.Valid && t.Tier == "innovative");
        var after = await officer.GetStringAsync($"/officer/re-evaluations/{id}");
        after.Should().Contain("复核结果：续期").And.NotContain("data-testid=\"confirm-form\"");

        (await As(FormalReviewer("44")).GetAsync($"/officer/re-evaluations/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await As(FormalReviewer("44")).GetStringAsync("/officer/re-evaluations?status=")).Should().NotContain("乙复核科技有限公司");
        var preliminary = await As(TestAccount.Reviewer("preliminary", "3301")).GetStringAsync($"/officer/re-evaluations/{id}");
        preliminary.Should().Contain("乙复核科技有限公司").And.NotContain("data-testid=\"confirm-form\"");
    }

    [Fact]
    public async Task An_officer_revokes_a_title_after_confirming_and_sees_the_ban_date()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1), name: "丙撤销材料有限公司");
        var officer = As(FormalReviewer());
        var found = await officer.GetStringAsync("/officer/titles?search=" + Uri.EscapeDataString("撤销材料"));
        var revokePath = $"/officer/enterprises/{enterprise.Id}/titles/{title.Id}/revoke";
        found.Should().Contain("丙撤销材料有限公司").And.Contain(title.CertificateNumber).And.Contain(revokePath);
        (await officer.GetStringAsync("/officer/titles?search=" + enterprise.CreditCode[..8])).Should().Contain("丙撤销材料有限公司");
        (await officer.GetStringAsync("/officer/titles?search=" + Uri.EscapeDataString("不存在的企业"))).Should().NotContain("丙撤销材料有限公司");
        (await As(FormalReviewer("44")).GetStringAsync("/officer/titles")).Should().NotContain("丙撤销材料有限公司");
        (await As(FormalReviewer("44")).GetAsync(revokePath)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var page = await officer.GetAsync(revokePath);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("提供虚假材料").And.Contain("列入严重失信主体名单").And.Contain("value=\"false-information\"");

        var noReason = await officer.PostFormAsync(revokePath + "?handler=Review", page, html, new() { ["Reason"] = "", ["Detail"] = "" });
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("请选择撤销理由").And.NotContain("data-testid=\"revoke-confirm\"");

        // Step 2 asks for confirmation, saying until when the enterprise may not apply; nothing is revoked yet.
        var review = await officer.PostFormAsync(revokePath + "?handler=Review", page, html,
            new() { ["Reason"] = "false-information", ["Detail"] = "研发费用票据系伪造" });
        var confirm = await review.Content.ReadAsStringAsync();
        confirm.Should().Contain("data-testid=\"revoke-confirm\"").And.Contain("撤销后不可恢复").And.Contain("2029-03-02").And.Contain("研发费用票据系伪造");
        (await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == title.Id))).Status.Should().Be(TitleStatus.Valid);

        var revoked = await officer.PostFormAsync(revokePath + "?handler=Revoke", page, html,
            new() { ["Reason"] = "false-information", ["Detail"] = "研发费用票据系伪造" });
        revoked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        revoked.Headers.Location!.OriginalString.Should().Be($"/officer/enterprises/{enterprise.Id}");
        var stored = await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == title.Id));
        stored.Status.Should().Be(TitleStatus.Revoked);
        stored.StatusReason.Should().Be("提供虚假材料：研发费用票据系伪造");

        var enterprisePage = await officer.GetStringAsync($"/officer/enterprises/{enterprise.Id}");
        enterprisePage.Should().Contain("2029-03-02 之前不得重新申报").And.Contain("已撤销").And.NotContain(revokePath);
        (await officer.GetStringAsync("/officer/titles")).Should().NotContain("丙撤销材料有限公司", "the list holds valid titles only");
        (await officer.GetStringAsync(revokePath)).Should().Contain("不能撤销").And.NotContain("data-testid=\"revoke-form\"");
    }

    [Fact]
    public async Task The_watch_list_shows_a_holder_whose_yearly_data_falls_below_its_title()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1), name: "丁关注精工有限公司");
        (await As(FormalReviewer()).GetStringAsync("/officer/watch-list")).Should().Contain("data-testid=\"empty-watch-list\"");
        var profile = CaseProfile(InnovativeCase);
        var worse = profile with { Compliance = profile.Compliance! with { SeriousDishonestyList = true } };
        await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Post, $"/api/enterprises/{enterprise.Id}/annual-updates",
            new { year = 2025, profile = JsonSerializer.SerializeToNode(worse, CriteriaJson.Options) }), HttpStatusCode.Created);

        var list = await As(FormalReviewer()).GetStringAsync("/officer/watch-list");
        list.Should().Contain("丁关注精工有限公司").And.Contain(title.CertificateNumber).And.Contain("G3")
            .And.Contain($"/officer/enterprises/{enterprise.Id}\"").And.Contain($"/officer/enterprises/{enterprise.Id}/titles/{title.Id}/revoke");
        (await As(TestAccount.Admin).GetStringAsync("/officer/watch-list?region=33")).Should().Contain("丁关注精工有限公司");
        (await As(TestAccount.Admin).GetStringAsync("/officer/watch-list?region=44")).Should().NotContain("丁关注精工有限公司");
        (await As(FormalReviewer("44")).GetStringAsync("/officer/watch-list")).Should().NotContain("丁关注精工有限公司");
        var preliminary = await As(TestAccount.Reviewer("preliminary", "3301")).GetStringAsync("/officer/watch-list");
        preliminary.Should().Contain("丁关注精工有限公司").And.NotContain("/revoke\"", "the preliminary stage does not revoke");
        (await As(FormalReviewer()).GetStringAsync($"/officer/enterprises/{enterprise.Id}")).Should().Contain("列入重点关注").And.Contain("G3");
    }

    [Fact]
    public async Task A_formal_reviewer_resolves_an_objection_lodged_during_publicity()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Recommended", actor: "city-officer");
        await _s.CompleteAsync(app.ApplicationId, "Certification.FormalReview", "Passed", actor: "province-officer");
        await _s.OkAsync(_s.PostAsync("/api/public/objections", new
        {
            applicationId = app.ApplicationId, contactName = "李四", contactPhone = "13900000001", content = "该企业研发人员实为外包，数据不实。",
        }), HttpStatusCode.Created);

        var officer = As(FormalReviewer());
        var page = await officer.GetAsync("/review/objections");
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain(app.EnterpriseName).And.Contain("该企业研发人员实为外包，数据不实。").And.Contain("李四").And.Contain("提交处理结论");
        var objectionId = (await _s.Db(db => db.Objections.AsNoTracking().SingleAsync(o => o.ApplicationId == app.ApplicationId))).Id;

        var noReason = await officer.PostFormAsync("/review/objections", page, html,
            new() { ["ObjectionId"] = objectionId, ["Status"] = "Open", ["Upheld"] = "true", ["Resolution"] = "" });
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("请填写处理理由");

        var resolved = await officer.PostFormAsync("/review/objections", page, html,
            new() { ["ObjectionId"] = objectionId, ["Status"] = "Open", ["Upheld"] = "true", ["Resolution"] = "经核实研发人员为外包，退回审核" });
        resolved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _s.Db(db => db.Objections.AsNoTracking().SingleAsync(o => o.Id == objectionId))).Status.Should().Be(ObjectionStatus.Upheld);
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.FormalReview);
        (await officer.GetStringAsync("/review/objections?status=Upheld")).Should().Contain("经核实研发人员为外包，退回审核");

        (await As(TestAccount.Reviewer("preliminary", "3301")).GetStringAsync("/review/objections?status=")).Should().Contain(app.EnterpriseName)
            .And.NotContain("提交处理结论");
        (await As(FormalReviewer("44")).GetStringAsync("/review/objections?status=")).Should().NotContain(app.EnterpriseName);
        (await As(TestAccount.Admin).GetAsync("/review/objections")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "administrators do not resolve objections");
    }

    [Fact]
    public async Task An_administrator_opens_the_change_review_page_and_decides_a_report()
    {
        var (enterprise, _) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1), name: "戊变更电子有限公司");
        await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Post, $"/api/enterprises/{enterprise.Id}/change-reports",
            new { kind = "relocation", changedOn = "2026-02-01", description = "迁往江苏苏州" }), HttpStatusCode.Created);

        var admin = As(TestAccount.Admin);
        var page = await admin.GetAsync("/officer/changes");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("迁往江苏苏州").And.Contain("提交复核结论").And.Contain("href=\"/officer/changes\"");
        var reportId = (await _s.Db(db => db.ChangeReports.AsNoTracking().SingleAsync(r => r.EnterpriseId == enterprise.Id))).Id;

        var decided = await admin.PostFormAsync("/officer/changes", page, html, new() { ["ReportId"] = reportId, ["Decision"] = "Kept", ["Reason"] = "迁移后仍符合条件" });
        decided.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _s.Db(db => db.ChangeReports.AsNoTracking().SingleAsync(r => r.Id == reportId))).Status.Should().Be(ChangeReportStatus.Kept);
        (await admin.GetStringAsync("/officer/changes")).Should().Contain("迁移后仍符合条件");
    }

    [Theory]
    [InlineData("/officer/re-evaluations")]
    [InlineData("/officer/watch-list")]
    [InlineData("/officer/titles")]
    [InlineData("/officer/changes")]
    [InlineData("/review/objections")]
    public async Task Enterprises_and_visitors_do_not_reach_the_officers_pages(string path)
    {
        var (enterprise, _) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1));
        (await As(EnterpriseAccount(enterprise.Id)).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await As(TestAccount.Regulator("33")).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var anonymous = await _s.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.OriginalString.Should().Contain("/login");
        (await As(EnterpriseAccount(enterprise.Id)).GetAsync($"/officer/enterprises/{enterprise.Id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Each_officer_finds_its_pages_in_the_navigation()
    {
        var formal = await As(FormalReviewer()).GetStringAsync("/review");
        formal.Should().Contain("href=\"/officer/re-evaluations\"").And.Contain("href=\"/officer/watch-list\"").And.Contain("href=\"/officer/titles\"")
            .And.Contain("href=\"/officer/changes\"").And.Contain("href=\"/review/objections\"");
        var preliminary = await As(TestAccount.Reviewer("preliminary", "3301")).GetStringAsync("/review");
        preliminary.Should().Contain("href=\"/officer/watch-list\"").And.NotContain("href=\"/review/objections\"").And.NotContain("href=\"/officer/titles\"");
        var admin = await As(TestAccount.Admin).GetStringAsync("/admin/batches");
        admin.Should().Contain("href=\"/officer/re-evaluations\"").And.Contain("href=\"/officer/titles\"").And.Contain("href=\"/officer/changes\"")
            .And.NotContain("href=\"/review/objections\"");
    }

    [Fact]
    public async Task The_accounts_page_pages_and_filters_in_the_database()
    {
        await _s.Factory.WithUsersAsync(async (_, accounts) =>
        {
            for (var i = 1; i <= 25; i++) await accounts.CreateAsync(new NewAccount($"pager-user-{i:00}", null, "regulator", "33"));
            await accounts.CreateAsync(new NewAccount("pager_x", null, "admin"));
            return 0;
        });
        var admin = As(TestAccount.Admin);
        var second = await admin.GetStringAsync("/admin/users?filter=PAGER-USER&page=2");
        second.Should().Contain("第 2 / 2 页，共 25 条").And.Contain("pager-user-25").And.NotContain("pager-user-20<").And.NotContain("pager_x");
        // LIKE's wildcards in the filter are plain characters: "_" matches only an underscore.
        (await admin.GetStringAsync("/admin/users?filter=pager_")).Should().Contain("pager_x").And.Contain("共 1 条");
        (await admin.GetStringAsync("/admin/users?filter=regulator&page=9")).Should().Contain("第 2 / 2 页");
    }

    public void Dispose() => _s.Dispose();
}
