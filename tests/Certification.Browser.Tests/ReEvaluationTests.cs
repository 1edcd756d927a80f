using Certification.Api.Identity;
using Certification.Domain.Time;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Demo;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.ReEvaluations;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Certification.Browser.Tests;

/// <summary>
/// The enterprise's side of re-evaluation (复核) in a browser at tablet width: the open re-evaluation of a title
/// expiring within 90 days, its data submitted, the officer's confirmation, the outcome on the enterprise's page.
/// </summary>
public sealed class ReEvaluationTests : IAsyncLifetime
{
    private const string Password = "Browser-Holder-2026";
    private const string CertificateNumber = "CX-2023-901234";
    private readonly BrowserHost _host = new();
    private Browser _browser = null!;

    public async Task InitializeAsync()
    {
        _browser = await Browser.LaunchAsync();
        var today = ChinaTime.Today(_host.Clock);
        // Issued almost three years ago: it expires in 30 days, inside the 90-day window, so the sweep opens its re-evaluation.
        var enterpriseId = await _host.AddHolderAsync("杭州复核精工有限公司", CertificateNumber, today.AddYears(-3).AddDays(31));
        await _host.SendAsync(new UpdateEnterpriseProfile(enterpriseId, DemoProfiles.Typical(today)));
        await _host.Services.GetRequiredService<ReEvaluationOpener>().OpenDueAsync();
        await _host.CreateAccountAsync(new NewAccount("holder-browser", Password, Roles.Enterprise, EnterpriseId: enterpriseId));
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task On_a_tablet_an_enterprise_submits_its_data_for_re_evaluation_and_sees_the_confirmed_outcome()
    {
        var page = await AdministrationTests.SignInAsync(_browser, _host, "holder-browser", Password, width: 820);
        await Assertions.Expect(page.GetByTestId("re-evaluation-due")).ToContainTextAsync("1 项称号复核待提交数据");

        await page.GetByRole(AriaRole.Link, new() { Name = "称号复核", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/enterprise/re-evaluations$"));
        await Assertions.Expect(page.GetByTestId("open-re-evaluations")).ToContainTextAsync("待您提交数据");
        await page.GetByRole(AriaRole.Link, new() { Name = $"办理证书 {CertificateNumber} 的复核" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/enterprise/re-evaluations/[^/]+$"));
        var id = new Uri(page.Url).Segments[^1];

        // The button asks first (the data is frozen); the test means it.
        await page.GetByTestId("submit-re-evaluation").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("已提交复核数据");
        await Assertions.Expect(page.GetByTestId("awaiting-confirmation")).ToContainTextAsync("续期");
        await Assertions.Expect(page.GetByTestId("criteria-version")).ToHaveTextAsync("miit-2022");
        await Assertions.Expect(page.GetByTestId("evaluation-indicators").First).ToContainTextAsync("得分");

        // The officer confirms (the officers' pages are another story); the enterprise's page shows the outcome.
        await _host.SendAsync(new ConfirmReEvaluation(id, "Renewed", null, "frm-browser"));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("re-evaluation-outcome")).ToContainTextAsync("续期：换发同层级新证书，有效期 3 年");
        await Assertions.Expect(page.GetByTestId("re-evaluation-status")).ToHaveTextAsync("复核通过，已续期");
        await Browser.ScreenshotAsync(page, "enterprise-re-evaluation-outcome");

        await page.GetByRole(AriaRole.Link, new() { Name = "证书与称号" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("certificates")).ToContainTextAsync("已换发");
    }
}
