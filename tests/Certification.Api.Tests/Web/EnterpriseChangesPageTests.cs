using System.Net;
using System.Text.RegularExpressions;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using static Certification.Api.Tests.Dynamic.DynamicScenario;

namespace Certification.Api.Tests.Web;

/// <summary>重大变化报告 on the enterprise's desk: the form, a report submitted from it, the late flag in the list.</summary>
public sealed partial class EnterpriseChangesPageTests : IDisposable
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

        var empty = await PostAsync(client, page, html, new() { ["Kind"] = "", ["ChangedOn"] = "", ["Description"] = "" });
        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("请选择变化类型").And.Contain("field-error");

        // Today (the scenario's clock) is 2026-03-02: a change of 2025-12-01 was due by 2026-03-01.
        var sent = await PostAsync(client, page, html, new() { ["Kind"] = "relocation", ["ChangedOn"] = "2025-12-01", ["Description"] = "迁往江苏" });
        sent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var list = await client.GetStringAsync("/enterprise/changes");
        list.Should().Contain("迁出省份").And.Contain("2025-12-01").And.Contain(">逾期<");

        (await _s.Factory.CreateClientAs(FormalReviewer()).GetAsync("/enterprise/changes")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var officer = await _s.Factory.CreateClientAs(FormalReviewer()).GetStringAsync("/review/changes");
        officer.Should().Contain("迁往江苏").And.Contain("提交复核结论").And.Contain(">逾期<");
        (await _s.Factory.CreateClientAs(TestAccount.Reviewer("formal", "44")).GetStringAsync("/review/changes")).Should().NotContain("迁往江苏");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, HttpResponseMessage page, string html, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = TokenField().Match(html).Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, "/enterprise/changes") { Content = new FormUrlEncodedContent(form) };
        foreach (var cookie in page.Headers.GetValues("Set-Cookie")) request.Headers.Add("Cookie", cookie.Split(';')[0]);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => _s.Dispose();
}
