using System.Net;
using System.Text.RegularExpressions;
using Certification.Api.Tests.Exports;
using Certification.Api.Tests.Identity;
using Certification.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Web;

/// <summary>
/// The administrator's and the regulator's pages as the server renders them: who may open them, the region scope of a
/// regional regulator, and refusals explained on the page rather than as bare status codes.
/// </summary>
public sealed partial class AdminAndRegulatorPagesTests : IDisposable
{
    private readonly ApiFactory _factory = new();

    private HttpClient As(TestAccount account) => _factory.CreateClientAs(account);

    private HttpClient Anonymous() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task SeedTitlesAsync()
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        await TitleSeed.SeedAsync(db, 25, "innovative", "330106");
        await TitleSeed.SeedAsync(db, 4, "specialized", "440305", offset: 100);
    }

    [Theory]
    [InlineData("/admin/workflows")]
    [InlineData("/admin/workflows/innovative-certification")]
    [InlineData("/admin/workflows/editor?definitionId=innovative-certification")]
    [InlineData("/admin/batches")]
    [InlineData("/admin/experts")]
    [InlineData("/admin/users")]
    [InlineData("/admin/criteria")]
    [InlineData("/admin/criteria?preview=miit-2022")]
    public async Task Administration_pages_are_for_administrators_only(string path)
    {
        (await As(TestAccount.Admin).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await As(TestAccount.Regulator()).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await As(TestAccount.Reviewer("formal", "33")).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var anonymous = await Anonymous().GetAsync(path);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.OriginalString.Should().Contain("/login");
    }

    [Theory]
    [InlineData("/regulator/approved")]
    [InlineData("/regulator/statistics")]
    [InlineData("/regulator/audit")]
    public async Task Oversight_pages_are_for_regulators_and_administrators(string path)
    {
        (await As(TestAccount.Admin).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await As(TestAccount.Regulator()).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await As(TestAccount.Regulator("33")).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await As(TestAccount.Reviewer("preliminary", "3301")).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_flowchart_page_draws_every_activity_of_the_published_definition()
    {
        var html = await As(TestAccount.Admin).GetStringAsync("/admin/workflows/innovative-certification");

        html.Should().Contain("<svg").And.Contain("校验通过");
        Regex.Matches(html, "class=\"activity[^\"]*\" id=\"flow-").Count.Should().Be(18, "the innovative flowchart has 18 activities");
        Regex.Matches(html, "class=\"port-label\"").Count.Should().Be(25, "and 25 connections, each labelled");
    }

    [Fact]
    public async Task An_unknown_definition_is_the_not_found_page()
    {
        var response = await As(TestAccount.Admin).GetAsync("/admin/workflows/no-such-definition");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("页面不存在");
    }

    [Fact]
    public async Task A_regional_regulator_sees_its_own_region_only_and_is_told_when_it_asks_beyond()
    {
        await SeedTitlesAsync();

        var own = await As(TestAccount.Regulator("33")).GetStringAsync("/regulator/approved");
        Total(own).Should().Be(25);
        own.Should().NotContain("440305").And.Contain("范围：浙江省");

        var national = await As(TestAccount.Regulator()).GetStringAsync("/regulator/approved?tier=specialized");
        Total(national).Should().Be(4);
        national.Should().Contain("/api/exports/approved?tier=specialized&amp;format=csv", "the export carries the page's filters");

        var beyond = await As(TestAccount.Regulator("33")).GetAsync("/regulator/approved?region=44");
        beyond.StatusCode.Should().Be(HttpStatusCode.OK);
        (await beyond.Content.ReadAsStringAsync()).Should().Contain("超出本账号的地区范围").And.Contain("请填写本账号范围内的地区代码");
    }

    [Fact]
    public async Task The_approved_list_is_paged_and_a_bad_filter_is_explained_at_its_field()
    {
        await SeedTitlesAsync();
        var client = As(TestAccount.Admin);

        (await client.GetStringAsync("/regulator/approved?page=2")).Should().Contain("第 2 / 2 页，共 29 条");
        (await client.GetStringAsync("/regulator/approved?year=1999")).Should().Contain("年份须在 2000–2100 之间");
    }

    [Fact]
    public async Task Statistics_show_the_charts_with_their_numbers()
    {
        await SeedTitlesAsync();

        var html = await As(TestAccount.Admin).GetStringAsync("/regulator/statistics");

        html.Should().Contain("data-testid=\"chart-by-region\"").And.Contain("data-testid=\"chart-by-year\"")
            .And.Contain("data-testid=\"funnels\"").And.Contain("data-testid=\"chart-expiring\"");
        html.Should().Contain("data-category=\"浙江省").And.Contain("data-total=\"25\"");
        html.Should().Contain("29 家次");
    }

    [Fact]
    public async Task The_audit_entries_are_for_national_readers_while_any_regulator_may_verify_the_chain()
    {
        var national = await As(TestAccount.Regulator()).GetStringAsync("/regulator/audit");
        national.Should().Contain("data-testid=\"audit-table\"");

        var regional = await As(TestAccount.Regulator("33")).GetStringAsync("/regulator/audit");
        regional.Should().NotContain("data-testid=\"audit-table\"").And.Contain("您仍可以在上方校验审计链的完整性");

        (await As(TestAccount.Admin).GetStringAsync("/regulator/audit?From=yesterday")).Should().Contain("不是有效的日期");
    }

    private static int Total(string html) => int.Parse(TotalPattern().Match(html).Groups[1].Value);

    [GeneratedRegex("data-testid=\"approved-total\">(\\d+)<")]
    private static partial Regex TotalPattern();

    public void Dispose() => _factory.Dispose();
}
