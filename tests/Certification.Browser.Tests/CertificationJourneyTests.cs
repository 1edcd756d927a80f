using Microsoft.Playwright;

namespace Certification.Browser.Tests;

/// <summary>
/// The done-when, in a real browser: an enterprise fills its profile, self-assesses, uploads and submits;
/// the preliminary and then the formal reviewer pass it; three experts score it; publicity runs out; the
/// enterprise sees its certificate.
/// </summary>
public sealed class CertificationJourneyTests : IAsyncLifetime
{
    private readonly BrowserHost _host = new();
    private Browser _browser = null!;
    private Journey _journey = null!;

    public async Task InitializeAsync()
    {
        _browser = await Browser.LaunchAsync();
        _journey = new Journey(_host, _browser);
        await _journey.SetUpAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task A_specialized_application_goes_from_draft_to_certificate_through_the_ui()
    {
        // ---- enterprise: profile, self-assessment, draft, uploads, submission ----
        var ent = await _journey.SignInAsync(Journey.EnterpriseUser);
        new Uri(ent.Url).AbsolutePath.Should().Be("/enterprise");
        await ent.GetByRole(AriaRole.Link, new() { Name = "企业画像", Exact = true }).First.ClickAsync();
        await Journey.FillProfileAsync(ent);
        await Browser.ScreenshotAsync(ent, "enterprise-profile");
        await ent.GetByRole(AriaRole.Button, new() { Name = "保存企业画像" }).ClickAsync();
        await ent.WaitForURLAsync("**/enterprise/self-assessment");
        await Assertions.Expect(ent.GetByTestId("within-reach")).ToContainTextAsync("专精特新中小企业");
        await ent.GotoAsync("/enterprise/self-assessment?tier=specialized");
        await Assertions.Expect(ent.GetByTestId("indicator-table")).ToContainTextAsync("SPE-1");
        await Browser.ScreenshotAsync(ent, "enterprise-self-assessment");

        await ent.GotoAsync("/enterprise");
        await ent.GetByRole(AriaRole.Button, new() { Name = $"在“{_journey.BatchName}”创建申报" }).ClickAsync();
        await ent.WaitForURLAsync("**/enterprise/applications/*");
        var applicationPath = new Uri(ent.Url).AbsolutePath;

        // Submitting with materials missing is refused at the top of the page, saying which.
        await ent.GetByTestId("submit-application").ClickAsync();
        await Assertions.Expect(ent.GetByRole(AriaRole.Alert)).ToContainTextAsync("营业执照");

        await Journey.UploadRequiredAndSubmitAsync(ent);
        await Assertions.Expect(ent.GetByTestId("application-status")).ToHaveTextAsync("初审中");
        await Assertions.Expect(ent.GetByTestId("awaiting")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(ent, "enterprise-application");
        await Journey.SignOutAsync(ent);

        // ---- preliminary reviewer (Hangzhou): recommends ----
        var pre = await _journey.SignInAsync(Journey.PreliminaryUser);
        new Uri(pre.Url).AbsolutePath.Should().Be("/review");
        await Assertions.Expect(pre.GetByTestId("inbox")).ToContainTextAsync(_journey.EnterpriseName);
        await Assertions.Expect(pre.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(pre, "reviewer-inbox");
        await pre.GetByRole(AriaRole.Link, new() { Name = "办理" }).First.ClickAsync();
        await Assertions.Expect(pre.GetByTestId("computed-indicators")).ToContainTextAsync("SPE-1");
        await Assertions.Expect(pre.GetByTestId("documents")).ToContainTextAsync("business-license.pdf");
        await Browser.ScreenshotAsync(pre, "reviewer-task");
        await DecideAsync(pre, "推荐");
        await Journey.SignOutAsync(pre);

        // ---- formal reviewer (Zhejiang): a return needs a reason, then passes ----
        var frm = await _journey.SignInAsync(Journey.FormalUser);
        await frm.GetByRole(AriaRole.Link, new() { Name = "办理" }).First.ClickAsync();
        await frm.GetByLabel("退回补正").CheckAsync();
        await frm.GetByTestId("decide").ClickAsync();
        await Assertions.Expect(frm.Locator(".field-error").Filter(new() { HasText = "理由" })).ToBeVisibleAsync();
        await DecideAsync(frm, "通过");
        await Journey.SignOutAsync(frm);

        // ---- three experts score; the computed score is prefilled, the rubric beside it ----
        for (var i = 0; i < Journey.ExpertUsers.Length; i++)
        {
            var exp = await _journey.SignInAsync(Journey.ExpertUsers[i]);
            new Uri(exp.Url).AbsolutePath.Should().Be("/expert");
            await exp.GetByRole(AriaRole.Link, new() { Name = "评分" }).First.ClickAsync();
            await Assertions.Expect(exp.GetByTestId("score-form")).ToContainTextAsync("SPE-1");
            if (i == 0)
            {
                // A departure from the computed score without a comment is refused, saying so.
                var first = exp.Locator("#score-0");
                var computed = await first.InputValueAsync();
                await first.FillAsync(computed == "0" ? "1" : "0");
                await exp.GetByTestId("submit-scores").ClickAsync();
                await Assertions.Expect(exp.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
                await exp.Locator("#score-0").FillAsync(computed);
                await Browser.ScreenshotAsync(exp, "expert-score-sheet");
            }
            await exp.GetByTestId("submit-scores").ClickAsync();
            await Assertions.Expect(exp.GetByRole(AriaRole.Status)).ToContainTextAsync("评分已提交");
            await Journey.SignOutAsync(exp);
        }

        // ---- publicity: listed publicly; its working days run out on the host's clock ----
        var visitor = await _browser.NewPageAsync(_host.BaseUrl);
        await visitor.GotoAsync("/publicity");
        await Assertions.Expect(visitor.GetByTestId("publicity-table")).ToContainTextAsync(_journey.EnterpriseName);
        await Browser.ScreenshotAsync(visitor, "public-publicity");
        await _host.AdvanceAsync(TimeSpan.FromDays(14));
        await visitor.GotoAsync("/announced");
        await Assertions.Expect(visitor.GetByTestId("announced-table")).ToContainTextAsync(_journey.EnterpriseName);
        await visitor.Context.CloseAsync();

        // ---- the enterprise sees its certificate ----
        ent = await _journey.SignInAsync(Journey.EnterpriseUser);
        await ent.GotoAsync(applicationPath);
        await Assertions.Expect(ent.GetByTestId("application-status")).ToHaveTextAsync("已认定");
        await ent.GetByRole(AriaRole.Link, new() { Name = "证书" }).First.ClickAsync();
        await Assertions.Expect(ent.GetByTestId("certificates")).ToContainTextAsync("专精特新中小企业");
        await Assertions.Expect(ent.GetByTestId("certificate-number").First).Not.ToBeEmptyAsync();
        await Browser.ScreenshotAsync(ent, "enterprise-certificates");
    }

    private static async Task DecideAsync(IPage page, string outcome)
    {
        await page.GetByLabel(outcome, new() { Exact = true }).CheckAsync();
        await page.GetByTestId("decide").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/review");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已办结");
    }
}
