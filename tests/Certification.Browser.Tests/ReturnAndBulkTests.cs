using Microsoft.Playwright;

namespace Certification.Browser.Tests;

/// <summary>
/// The other paths of the roles' main jobs, on an innovative batch and a tablet-width screen: bulk recommendation
/// with progress, a return for correction answered by the enterprise, pages refused outside one's role or scope,
/// objections from the public, keyboard use, and no Content-Security-Policy violation anywhere on the way.
/// </summary>
public sealed class ReturnAndBulkTests : IAsyncLifetime
{
    private const int Tablet = 820;
    private readonly BrowserHost _host = new();
    private readonly List<string> _cspViolations = [];
    private Browser _browser = null!;
    private Journey _journey = null!;

    public async Task InitializeAsync()
    {
        _browser = await Browser.LaunchAsync();
        _journey = new Journey(_host, _browser);
        await _journey.SetUpAsync("innovative", withInnovativeTitle: false);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _host.Dispose();
    }

    private async Task<IPage> SignInAsync(string user)
    {
        var page = await _journey.SignInAsync(user, Tablet);
        Watch(page);
        return page;
    }

    private void Watch(IPage page) => page.Console += (_, message) =>
    {
        if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) _cspViolations.Add(message.Text);
    };

    [Fact]
    public async Task Reviewers_recommend_in_bulk_and_an_enterprise_answers_a_return_for_correction()
    {
        var other = await _journey.SubmitAnotherAsync("杭州批量精工有限公司");

        var ent = await SignInAsync(Journey.EnterpriseUser);
        await ent.GotoAsync("/enterprise/profile");
        await Journey.FillProfileAsync(ent, "innovative");
        await ent.GetByRole(AriaRole.Button, new() { Name = "保存企业画像" }).ClickAsync();
        await Assertions.Expect(ent.GetByTestId("within-reach")).ToContainTextAsync("创新型中小企业");
        await ent.GotoAsync("/enterprise");
        await ent.GetByRole(AriaRole.Button, new() { Name = $"在“{_journey.BatchName}”创建申报" }).ClickAsync();
        await ent.WaitForURLAsync("**/enterprise/applications/*");
        var applicationPath = new Uri(ent.Url).AbsolutePath;
        await Journey.UploadRequiredAndSubmitAsync(ent);

        // Out of role: the friendly 403 page; another enterprise's application: the 404 page (its existence not revealed).
        await ent.GotoAsync("/review");
        await Assertions.Expect(ent.GetByTestId("forbidden-page")).ToBeVisibleAsync();
        var response = await ent.GotoAsync($"/enterprise/applications/{other}");
        response!.Status.Should().Be(404);
        await Assertions.Expect(ent.GetByTestId("error-page")).ToContainTextAsync("页面不存在");
        await Journey.SignOutAsync(ent);

        // ---- preliminary: both applications recommended at once, the bar advancing ----
        var pre = await SignInAsync(Journey.PreliminaryUser);
        await pre.GetByLabel("环节").SelectOptionAsync(new SelectOptionValue { Label = "初审推荐" });
        await pre.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Assertions.Expect(pre.GetByTestId("inbox").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(pre.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await pre.GetByLabel("全选本页可批量办理的任务").CheckAsync();
        await pre.GetByLabel("结果").SelectOptionAsync(new SelectOptionValue { Label = "推荐" });
        await pre.GetByTestId("bulk-submit").ClickAsync();
        await Assertions.Expect(pre.Locator("[data-bulk-status]")).ToContainTextAsync("批量办理完成：2 件成功");
        (await pre.Locator("#bulk-bar").GetAttributeAsync("max")).Should().Be("2");
        await Browser.ScreenshotAsync(pre, "reviewer-bulk-progress");
        await pre.ReloadAsync();
        await Assertions.Expect(pre.GetByTestId("empty-inbox")).ToBeVisibleAsync();
        await Journey.SignOutAsync(pre);

        // ---- formal: returns the enterprise's application with a reason ----
        var frm = await SignInAsync(Journey.FormalUser);
        await frm.GetByTestId("inbox").Locator("tr", new() { HasText = _journey.EnterpriseName }).GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        await frm.GetByLabel("退回补正").CheckAsync();
        await frm.GetByLabel("理由").FillAsync("请补充上年度财务报表（含研发费用明细）的原件扫描件");
        await frm.GetByTestId("decide").ClickAsync();
        await Assertions.Expect(frm.GetByRole(AriaRole.Status)).ToContainTextAsync("退回补正");
        await Journey.SignOutAsync(frm);

        // ---- the enterprise reads the reason, adds the material and resubmits ----
        ent = await SignInAsync(Journey.EnterpriseUser);
        await Assertions.Expect(ent.GetByTestId("applications-table")).ToContainTextAsync("退回补正");
        await ent.GotoAsync(applicationPath);
        await Assertions.Expect(ent.GetByTestId("return-reason")).ToContainTextAsync("财务报表（含研发费用明细）的原件");
        await Browser.ScreenshotAsync(ent, "enterprise-returned");
        // A file that is not a document is refused at the file field, saying what is accepted.
        await ent.Locator("#item").SelectOptionAsync("other");
        await ent.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "note.pdf", MimeType = "application/pdf", Buffer = "just text"u8.ToArray() });
        await ent.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Assertions.Expect(ent.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await ent.Locator("#item").SelectOptionAsync("financial-statements");
        await ent.Locator("#file").SetInputFilesAsync(Journey.Pdf("financial-statements-original"));
        await ent.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Assertions.Expect(ent.GetByRole(AriaRole.Status)).ToContainTextAsync("已上传");
        await ent.GetByTestId("submit-application").ClickAsync();
        await Assertions.Expect(ent.GetByTestId("application-status")).ToHaveTextAsync("初审中");
        await Assertions.Expect(ent.GetByTestId("timeline")).ToContainTextAsync("财务报表（含研发费用明细）的原件");
        await Journey.SignOutAsync(ent);

        // ---- both pass review; the public lodges an objection against one ----
        pre = await SignInAsync(Journey.PreliminaryUser);
        await pre.GetByRole(AriaRole.Link, new() { Name = "办理" }).First.ClickAsync();
        await pre.GetByLabel("推荐", new() { Exact = true }).CheckAsync();
        await pre.GetByTestId("decide").ClickAsync();
        await Assertions.Expect(pre.GetByRole(AriaRole.Status)).ToContainTextAsync("已办结");
        await Journey.SignOutAsync(pre);
        frm = await SignInAsync(Journey.FormalUser);
        await frm.GetByLabel("全选本页可批量办理的任务").CheckAsync();
        await frm.GetByLabel("结果").SelectOptionAsync(new SelectOptionValue { Label = "通过" });
        await frm.GetByTestId("bulk-submit").ClickAsync();
        await Assertions.Expect(frm.Locator("[data-bulk-status]")).ToContainTextAsync("批量办理完成：2 件成功");
        await Journey.SignOutAsync(frm);

        var visitor = await _browser.NewPageAsync(_host.BaseUrl, Tablet);
        Watch(visitor);
        await visitor.GotoAsync("/");
        // Keyboard: the first Tab reaches the skip link, visibly focused.
        await visitor.Keyboard.PressAsync("Tab");
        (await visitor.EvaluateAsync<string>("document.activeElement.textContent")).Should().Be("跳到正文");
        (await visitor.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle")).Should().NotBe("none");
        await visitor.GotoAsync("/publicity?page=1");
        await Assertions.Expect(visitor.GetByTestId("publicity-table").Locator("tbody tr")).ToHaveCountAsync(2);
        await visitor.GetByRole(AriaRole.Link, new() { Name = "对 杭州批量精工有限公司 提出异议" }).ClickAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
        await Assertions.Expect(visitor.Locator(".field-error").Filter(new() { HasText = "请填写联系人姓名" })).ToBeVisibleAsync();
        await visitor.GetByLabel("联系人姓名").FillAsync("赵先生");
        await visitor.GetByLabel("联系电话").FillAsync("13800000000");
        await visitor.GetByLabel("异议内容").FillAsync("该企业上年度研发费用与其年报不符。");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
        await Assertions.Expect(visitor.GetByTestId("objection-receipt")).ToContainTextAsync("异议已受理");
        await Browser.ScreenshotAsync(visitor, "public-objection");

        _cspViolations.Should().BeEmpty();
    }
}
