using System.Net;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using static Certification.Api.Tests.Dynamic.DynamicScenario;

namespace Certification.Api.Tests.Web;

/// <summary>重大变化报告 on the enterprise's desk: the form, a report submitted from it, the late flag in the list.</summary>
public sealed class EnterpriseChangesPageTests : IDisposable
{
    private readonly ReviewScenario _s = new();

    [Fact]
    public async Task A_certified_enterprise_reports_a_change_from_its_desk_and_sees_a_late_one_flagged()
    {
        var (enterprise, _) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1));
        var client = _s.Factory.CreateClientAs(EnterpriseAccount(enterprise.Id));

        var page = await client.GetAsync("/enterprise/changes");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("<label for=\"Kind\">变化类型").And.Contain("<label for=\"ChangedOn\">变化发生日期").And.Contain("href=\"/enterprise/changes\"");

        var empty = await client.PostFormAsync("/enterprise/changes", page, html, new() { ["Kind"] = "", ["ChangedOn"] = "", ["Description"] = "" });
        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("请选择变化类型").And.Contain("field-error");

        // Today (the scenario's clock) is 2026-03-02: a change of 2025-12-01 was due by 2026-03-01.
        var sent = await client.PostFormAsync("/enterprise/changes", page, html, new() { ["Kind"] = "relocation", ["ChangedOn"] = "2025-12-01", ["Description"] = "迁往江苏" });
        sent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var list = await client.GetStringAsync("/enterprise/changes");
        list.Should().Contain("迁出省份").And.Contain("2025-12-01").And.Contain(">逾期<");

        (await _s.Factory.CreateClientAs(FormalReviewer()).GetAsync("/enterprise/changes")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var officer = await _s.Factory.CreateClientAs(FormalReviewer()).GetStringAsync("/officer/changes");
        officer.Should().Contain("迁往江苏").And.Contain("提交复核结论").And.Contain(">逾期<");
        (await _s.Factory.CreateClientAs(TestAccount.Reviewer("formal", "44")).GetStringAsync("/officer/changes")).Should().NotContain("迁往江苏");
    }

    public void Dispose() => _s.Dispose();
}
