using System.Text;
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

    private static FilePayload Pdf(string name) => new()
    {
        Name = name + ".pdf", MimeType = "application/pdf",
        Buffer = Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% {name}\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
    };

    [Fact]
    public async Task A_specialized_application_goes_from_draft_to_certificate_through_the_ui()
    {
        // ---- enterprise: profile, self-assessment, draft, uploads, submission ----
        var ent = await _journey.SignInAsync(Journey.EnterpriseUser);
        new Uri(ent.Url).AbsolutePath.Should().Be("/enterprise");
        await ent.GetByRole(AriaRole.Link, new() { Name = "企业画像", Exact = true }).First.ClickAsync();
        await FillProfileAsync(ent);
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

        var required = await ent.Locator("#item option").AllInnerTextsAsync();
        var requiredValues = await ent.Locator("#item option").EvaluateAllAsync<string[]>("options => options.filter(o => o.textContent.includes('必备')).map(o => o.value)");
        required.Should().NotBeEmpty();
        foreach (var item in requiredValues)
        {
            await ent.Locator("#item").SelectOptionAsync(item);
            await ent.Locator("#file").SetInputFilesAsync(Pdf(item));
            await ent.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
            await Assertions.Expect(ent.GetByRole(AriaRole.Status)).ToContainTextAsync("已上传");
        }
        await Browser.ScreenshotAsync(ent, "enterprise-application-dossier");
        await ent.GetByTestId("submit-application").ClickAsync();
        await Assertions.Expect(ent.GetByRole(AriaRole.Status)).ToContainTextAsync("已提交");
        await Assertions.Expect(ent.GetByTestId("application-status")).ToHaveTextAsync("初审中");
        await Assertions.Expect(ent.GetByTestId("awaiting")).ToBeVisibleAsync();
        await Journey.SignOutAsync(ent);

        // ---- preliminary reviewer (Hangzhou): recommends ----
        var pre = await _journey.SignInAsync(Journey.PreliminaryUser);
        new Uri(pre.Url).AbsolutePath.Should().Be("/review");
        await Assertions.Expect(pre.GetByTestId("inbox")).ToContainTextAsync(_journey.EnterpriseName);
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

    private static async Task FillProfileAsync(IPage page)
    {
        async Task Yes(string label) => await page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "是" });
        async Task No(string label) => await page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "否" });
        await Yes("属于中小企业（《中小企业划型标准规定》）");
        await Yes("在境内注册、具有独立法人资格");
        await No("列入经营异常名录");
        await No("列入严重失信主体名单");
        await No("产品属于禁止、限制或淘汰类");
        await No("近三年发生重大安全、质量、环境事故或违法行为");
        decimal[][] years =
        [
            [15000, 13500, 900, 1200, 20000, 9000],
            [13000, 11800, 700, 1000, 18000, 8500],
            [11000, 10000, 600, 800, 16000, 8000],
        ];
        var fields = new[] { "OperatingRevenue", "MainBusinessRevenue", "RdExpense", "NetProfit", "TotalAssets", "TotalLiabilities" };
        for (var row = 0; row < years.Length; row++)
        for (var f = 0; f < fields.Length; f++)
            await page.Locator($"#Profile_Financials_{row}__{fields[f]}").FillAsync(years[row][f].ToString());
        await page.GetByLabel("从事细分市场年数").FillAsync("6");
        await page.GetByLabel("职工总数").FillAsync("180");
        await page.GetByLabel("研发人员数").FillAsync("30");
        await page.GetByLabel("自主研发Ⅰ类知识产权（件）").FillAsync("3");
        await page.GetByLabel("Ⅰ类知识产权（件）", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("Ⅱ类知识产权（件）").FillAsync("8");
        await page.GetByLabel("研发机构级别").SelectOptionAsync(new SelectOptionValue { Label = "省级" });
        await page.GetByLabel("数字化水平等级").FillAsync("2");
        await Yes("通过质量管理体系认证");
        await Yes("拥有自主品牌");
        await Yes("主导产品属于战略性新兴产业");
        await page.GetByLabel("主导产品所属领域").SelectOptionAsync(new SelectOptionValue { Label = "工业“六基”、中华老字号或链主配套" });
        await Yes("高新技术企业");
        await page.GetByLabel("省级科技奖励排名").FillAsync("2");
        await page.GetByLabel("地方特色化指标得分").FillAsync("10");
        // The live evaluation beside the form follows the unsaved input.
        await page.GetByLabel("测算层级").SelectOptionAsync("specialized");
        await Assertions.Expect(page.GetByTestId("live-verdict")).ToHaveTextAsync("符合条件");
    }
}
