using System.Text.RegularExpressions;
using Certification.Api.Identity;
using Certification.Domain.Time;
using Certification.Workflows.Access;
using Certification.Workflows.Features.AnnualUpdates;
using Certification.Workflows.Features.Demo;
using Microsoft.Playwright;

namespace Certification.Browser.Tests;

/// <summary>
/// An officer's job in a browser at tablet width: a holder on the watch list (its yearly data below its title), the
/// title revoked on one of the rules' grounds after a confirmation step, the ban's end date on the enterprise's page.
/// </summary>
public sealed class OfficerRevocationTests : IAsyncLifetime
{
    private const string Password = "Browser-Officer-2026";
    private const string CertificateNumber = "CX-2025-905678";
    private const string EnterpriseName = "杭州关注名单电子有限公司";
    private readonly BrowserHost _host = new();
    private readonly List<string> _cspViolations = [];
    private Browser _browser = null!;

    public async Task InitializeAsync()
    {
        _browser = await Browser.LaunchAsync();
        var today = ChinaTime.Today(_host.Clock);
        var enterpriseId = await _host.AddHolderAsync(EnterpriseName, CertificateNumber, today.AddYears(-1));
        // Its yearly data: listed as seriously dishonest, so it no longer meets its tier and goes on the watch list.
        var profile = DemoProfiles.Typical(today);
        var dishonest = profile with { Compliance = profile.Compliance! with { SeriousDishonestyList = true } };
        var year = dishonest.Financials!.Max(f => f!.Year);
        (await _host.SendAsync(new SubmitAnnualUpdate(enterpriseId, year, dishonest, "holder"))).Flagged.Should().BeTrue();
        await _host.CreateAccountAsync(new NewAccount("frm-officer", Password, Roles.Reviewer, "33", ReviewStage: Roles.Stages.Formal));
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task On_a_tablet_an_officer_finds_a_holder_on_the_watch_list_and_revokes_its_title_after_confirming()
    {
        var page = await AdministrationTests.SignInAsync(_browser, _host, "frm-officer", Password, width: 820);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) _cspViolations.Add(message.Text);
        };
        await page.GetByRole(AriaRole.Link, new() { Name = "重点关注名单", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/officer/watch-list$"));
        var entry = page.GetByTestId("watch-entry").Filter(new() { HasText = EnterpriseName });
        await Assertions.Expect(entry).ToContainTextAsync("不再符合任何层级");
        await Assertions.Expect(entry).ToContainTextAsync("G3");
        await Browser.ScreenshotAsync(page, "officer-watch-list");

        await entry.GetByRole(AriaRole.Link, new() { Name = $"撤销称号 {CertificateNumber}" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/officer/enterprises/[^/]+/titles/[^/]+/revoke$"));

        // Without a ground the form says what to choose; nothing is revoked.
        await page.GetByTestId("revoke-form").Locator("input[name=Reason]").First.EvaluateAsync("e => e.form.noValidate = true");
        await page.GetByTestId("revoke-next").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("请选择撤销理由");

        // The keyboard chooses the ground: a radio group is one Tab stop, the arrows move within it.
        await page.GetByLabel("提供虚假材料").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByLabel("列入严重失信主体名单")).ToBeCheckedAsync();
        await page.GetByLabel(new Regex("^说明")).FillAsync("2026 年列入严重失信主体名单");
        await page.GetByTestId("revoke-next").ClickAsync();

        // The confirmation says it is irreversible and until when the enterprise may not apply.
        var banUntil = ChinaTime.Today(_host.Clock).AddYears(3).ToString("yyyy-MM-dd");
        var confirm = page.GetByTestId("revoke-confirm");
        await Assertions.Expect(confirm).ToContainTextAsync("撤销后不可恢复");
        await Assertions.Expect(page.GetByTestId("ban-preview")).ToHaveTextAsync(banUntil);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        await Browser.ScreenshotAsync(page, "officer-revoke-confirm");

        await page.GetByTestId("revoke-confirm-button").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/officer/enterprises/[^/]+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"{banUntil} 之前不得重新申报");
        await Assertions.Expect(page.GetByTestId("ban")).ToContainTextAsync(banUntil);
        await Assertions.Expect(page.GetByTestId("enterprise-titles")).ToContainTextAsync("列入严重失信主体名单：2026 年列入严重失信主体名单");
        await Browser.ScreenshotAsync(page, "officer-revoked");

        // No longer valid: off the list of titles that can be revoked, and off the watch list.
        await page.GetByRole(AriaRole.Link, new() { Name = "称号撤销", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-titles")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "重点关注名单", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-watch-list")).ToBeVisibleAsync();
        _cspViolations.Should().BeEmpty();
    }
}
