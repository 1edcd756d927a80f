using System.Net;
using System.Text.RegularExpressions;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using Certification.Workflows.Access;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Features.Revocations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Certification.Api.Tests.Dynamic.DynamicScenario;

namespace Certification.Api.Tests.Web;

/// <summary>
/// The enterprise's dynamic-management pages: 年度数据更新 (file a year's data, see the check and the years filed),
/// 称号复核 (see the open re-evaluation, submit the data, see the officer's outcome), and a revoked title with the
/// reapplication ban on the certificates and home pages. The scenario's clock reads 2026-03-02 (Beijing).
/// </summary>
public sealed class EnterpriseDynamicPagesTests : IDisposable
{
    private static readonly Caller Officer = new("formal-33", Roles.Reviewer, "33", ReviewStage: Roles.Stages.Formal);

    private readonly ReviewScenario _s = new();

    [Fact]
    public async Task A_title_holder_files_its_years_data_sees_it_listed_and_learns_it_is_on_the_watch_list_while_bad_input_stores_nothing()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1));
        var client = _s.Factory.CreateClientAs(EnterpriseAccount(enterprise.Id));

        var page = await client.GetAsync("/enterprise/annual-update");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("<label for=\"Year\">数据所属年度").And.Contain("href=\"/enterprise/annual-update\"").And.Contain("尚未提交过年度数据");
        var form = PageForms.FieldsOf(html, "annual-update-form");
        form["Year"].Should().Be("2025", "last year's data is what is usually filed");
        form["Profile.Financials[0].Year"].Should().Be("2025", "the form is prefilled with the working profile");

        // A year out of range, and text in a number field: both shown at their fields, nothing stored.
        var outOfRange = await client.PostFormAsync("/enterprise/annual-update", page, html, new(form) { ["Year"] = "1999" });
        outOfRange.StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await outOfRange.Content.ReadAsStringAsync();
        refused.Should().Contain("年度须在 2000–2026 之间").And.Contain("field-error");
        var notANumber = await client.PostFormAsync("/enterprise/annual-update", page, html, new(form) { ["Profile.Employees"] = "二十" });
        (await notANumber.Content.ReadAsStringAsync()).Should().Contain("“二十”无效").And.Contain("id=\"Profile_Employees_error\"");
        var missingRow = await client.PostFormAsync("/enterprise/annual-update", page, html, new(form) { ["Year"] = "2026" });
        (await missingRow.Content.ReadAsStringAsync()).Should().Contain("年度数据须包含 2026 年的财务数据");
        (await _s.Db(db => db.AnnualUpdates.CountAsync(u => u.EnterpriseId == enterprise.Id))).Should().Be(0);

        // Filed with a serious-dishonesty listing: the title's tier is no longer met, the holder goes on the watch list.
        var sent = await client.PostFormAsync("/enterprise/annual-update", page, html,
            new(form) { ["Profile.Compliance.SeriousDishonestyList"] = "True" });
        sent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await client.GetStringAsync("/enterprise/annual-update");
        after.Should().Contain("最近一次更新：2025 年度").And.Contain("已列入关注名单").And.Contain(title.CertificateNumber);
        after.Should().Contain("data-testid=\"watch-list-notice\"").And.Contain("不再符合条件").And.Contain("G3");
        Regex.Match(after, "data-testid=\"annual-updates\".*?</table>", RegexOptions.Singleline).Value
            .Should().Contain("2025 年度").And.Contain("列入关注名单");

        // An enterprise without a valid title is told the page is not for it yet.
        var (other, _) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2020, 1, 1));
        (await _s.Factory.CreateClientAs(EnterpriseAccount(other.Id)).GetStringAsync("/enterprise/annual-update"))
            .Should().Contain("data-testid=\"no-title\"").And.NotContain("annual-update-form").And.NotContain(title.CertificateNumber);
    }

    [Fact]
    public async Task An_enterprise_sees_its_open_re_evaluation_submits_its_data_and_after_the_officer_confirms_sees_the_outcome_and_reason()
    {
        // Valid until 2026-04-30: within 90 days of today, so the sweep opens its re-evaluation.
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2023, 5, 1));
        (await OpenDueReEvaluationsAsync(_s)).Should().Be(1);
        var client = _s.Factory.CreateClientAs(EnterpriseAccount(enterprise.Id));

        (await client.GetStringAsync("/enterprise")).Should().Contain("data-testid=\"re-evaluation-due\"").And.Contain("1 项称号复核待提交数据");
        var list = await client.GetStringAsync("/enterprise/re-evaluations");
        list.Should().Contain("href=\"/enterprise/re-evaluations\"");
        var open = Regex.Match(list, "data-testid=\"open-re-evaluations\".*?</table>", RegexOptions.Singleline).Value;
        open.Should().Contain(title.CertificateNumber).And.Contain("2026-04-30").And.Contain("待您提交数据");
        var id = Regex.Match(open, "href=\"/enterprise/re-evaluations/([^\"]+)\"").Groups[1].Value;

        var path = $"/enterprise/re-evaluations/{id}";
        var page = await client.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("称号复核：创新型中小企业").And.Contain("提交当前数据进行复核").And.Contain("2026-04-30 称号有效期届满前提交");

        var submitted = await client.PostFormAsync($"{path}?handler=Submit", page, html, new());
        submitted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var awaiting = await client.GetStringAsync(path);
        awaiting.Should().Contain("data-testid=\"awaiting-confirmation\"").And.Contain("续期（数据仍满足本层级条件）");
        awaiting.Should().Contain("data-testid=\"criteria-version\">miit-2022").And.Contain("data-testid=\"evaluation-indicators\"").And.NotContain("submit-re-evaluation");

        // Submitting twice is refused with the state, on the page.
        var again = await client.PostFormAsync($"{path}?handler=Submit", page, html, new());
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Contain("不能再提交数据");

        // Another enterprise cannot open it.
        var (stranger, _) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1));
        var strangerClient = _s.Factory.CreateClientAs(EnterpriseAccount(stranger.Id));
        (await strangerClient.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await strangerClient.GetStringAsync("/enterprise/re-evaluations")).Should().NotContain(title.CertificateNumber);

        // The officer lets the title lapse against the proposal, with a reason.
        await SendAsAsync(Officer, new ConfirmReEvaluation(id, "Lapsed", "研发投入连续两年下降，不予续期", "formal-33"));
        var decided = await client.GetStringAsync(path);
        decided.Should().Contain("data-testid=\"re-evaluation-outcome\"").And.Contain("不予续期：称号于 2026-04-30 届满失效");
        decided.Should().Contain("data-testid=\"outcome-reason\">研发投入连续两年下降，不予续期");
        var closed = Regex.Match(await client.GetStringAsync("/enterprise/re-evaluations"), "data-testid=\"closed-re-evaluations\".*?</table>",
            RegexOptions.Singleline).Value;
        closed.Should().Contain(title.CertificateNumber).And.Contain("不予续期");
    }

    [Fact]
    public async Task A_revoked_title_shows_its_ground_date_and_ban_and_applying_during_the_ban_says_until_when()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1));
        var batch = await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/batches",
            new { name = "2026 年创新型第一批", tier = "innovative", regionPrefix = "33", opensOn = "2026-03-01", closesOn = "2026-04-30" }),
            HttpStatusCode.Created);
        await SendAsAsync(Officer, new RevokeTitle(title.Id, "false-information", "研发费用票据系伪造", "formal-33"));
        var client = _s.Factory.CreateClientAs(EnterpriseAccount(enterprise.Id));

        var certificates = await client.GetStringAsync("/enterprise/certificates");
        certificates.Should().Contain("已撤销").And.Contain("data-testid=\"revoked-on\">2026-03-02");
        certificates.Should().Contain("data-testid=\"revocation-reason\">提供虚假材料：研发费用票据系伪造");
        certificates.Should().Contain("data-testid=\"reapply-ban\"").And.Contain("暂停申报至 2029-03-02").And.Contain("2029-03-02 起方可重新申报");

        var home = await client.GetAsync("/enterprise");
        var html = await home.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"reapply-ban\"").And.Contain("<strong>2029-03-02</strong> 之前不得重新申报");

        // Creating an application anyway: the reason and the date, not a generic error.
        var create = await client.PostFormAsync("/enterprise?handler=Create", home, html, new() { ["batchId"] = (string)batch["id"]! });
        create.StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await create.Content.ReadAsStringAsync();
        refused.Should().Contain("暂时不能创建申报").And.Contain("2029-03-02 之前不得重新申报（今天为 2026-03-02）");
        (await _s.Db(db => db.Applications.CountAsync(a => a.EnterpriseId == enterprise.Id))).Should().Be(0);

        // Another enterprise sees none of it.
        var (other, _) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1));
        var theirs = await _s.Factory.CreateClientAs(EnterpriseAccount(other.Id)).GetStringAsync("/enterprise/certificates");
        theirs.Should().NotContain(title.CertificateNumber).And.NotContain("reapply-ban").And.NotContain("研发费用票据系伪造");
    }

    /// <summary>Sends a request as <paramref name="caller"/> straight through MediatR (what the officers' pages would send).</summary>
    private Task<T> SendAsAsync<T>(Caller caller, IRequest<T> request) => _s.InScope(sp =>
    {
        sp.GetRequiredService<CallerContext>().Current = caller;
        return sp.GetRequiredService<IMediator>().Send(request);
    });

    public void Dispose() => _s.Dispose();
}
