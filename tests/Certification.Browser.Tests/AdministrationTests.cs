using System.Text;
using Certification.Api.Identity;
using Certification.Domain.Enterprises;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Certification.Browser.Tests;

/// <summary>
/// The administrator's main jobs in a browser: read a definition's flowchart, edit its JSON and see a validation
/// problem at the activity it concerns, test-run the draft with its trace, and publish it as a new version.
/// </summary>
public sealed class AdministrationTests : IAsyncLifetime
{
    private const string Password = "Browser-Admin-2026";
    private readonly BrowserHost _host = new();
    private Browser _browser = null!;

    public async Task InitializeAsync()
    {
        _browser = await Browser.LaunchAsync();
        await _host.CreateAccountAsync(new NewAccount("admin-browser", Password, Roles.Admin));
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task An_administrator_reads_the_flowchart_fixes_a_validation_problem_test_runs_the_draft_and_publishes_it()
    {
        var page = await SignInAsync(_browser, _host, "admin-browser", Password);
        new Uri(page.Url).AbsolutePath.Should().Be("/admin/workflows");
        await Assertions.Expect(page.GetByTestId("definitions")).ToContainTextAsync("创新型中小企业评价");

        // ---- the diagram: every activity at its place, every connection labelled ----
        await page.GetByRole(AriaRole.Link, new() { Name = "创新型中小企业评价" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/workflows/innovative-certification");
        var chart = page.GetByTestId("flowchart");
        await Assertions.Expect(chart.Locator("g.activity")).ToHaveCountAsync(18);
        await Assertions.Expect(chart.Locator("text.port-label")).ToHaveCountAsync(25);
        await Assertions.Expect(chart.Locator("#flow-preliminaryReview rect")).ToHaveAttributeAsync("x", "780");
        await Assertions.Expect(page.GetByTestId("validation-ok")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "admin-workflow-diagram");

        // The boxes are links: the keyboard reaches them and they lead to the activity's row.
        await page.Locator("#flow-preliminaryReview").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#activity-preliminaryReview$"));

        // ---- the JSON editor: a port the activity does not have is shown at that activity ----
        await page.GetByRole(AriaRole.Link, new() { Name = "编辑 JSON / 试运行" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/workflows/editor**");
        var editor = page.GetByTestId("json-editor");
        var original = await editor.InputValueAsync();
        original.Should().Contain("\"port\": \"Recommended\"");
        await editor.FillAsync(original.Replace("\"port\": \"Recommended\"", "\"port\": \"Approved\""));
        await page.GetByRole(AriaRole.Button, new() { Name = "校验", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("validation-errors")).ToContainTextAsync("Approved");
        await Assertions.Expect(page.GetByTestId("validation-errors")).ToContainTextAsync("市县初审");
        await Assertions.Expect(page.Locator("#flow-preliminaryReview")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-error"));
        await Assertions.Expect(page.Locator("tr#activity-preliminaryReview")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-error"));
        await Browser.ScreenshotAsync(page, "admin-workflow-validation-error");

        // ---- fixed, then a test run: the trace is listed and drawn ----
        await editor.FillAsync(original.Replace("\"name\": \"创新型中小企业评价\"", "\"name\": \"创新型中小企业评价（修订）\""));
        await page.GetByText("试运行的输入和事件").ClickAsync();
        await page.GetByLabel("事件（按顺序投递）").FillAsync("""[{"task": "awaitSubmission", "outcome": "Submitted"}, {"task": "preliminaryReview", "outcome": "Recommended"}]""");
        await page.GetByRole(AriaRole.Button, new() { Name = "试运行", Exact = true }).ClickAsync();
        var run = page.GetByTestId("simulation");
        await Assertions.Expect(run).ToContainTextAsync("等待中");
        await Assertions.Expect(run).ToContainTextAsync("省级核实");
        await Assertions.Expect(page.GetByTestId("trace").Locator("li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#flow-evaluateCriteria")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("executed"));
        await Assertions.Expect(page.Locator("#flow-formalReview")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("waiting"));
        await Browser.ScreenshotAsync(page, "admin-workflow-simulation");

        // ---- saved as a new draft and published ----
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新草稿" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/workflows/innovative-certification/2");
        await Assertions.Expect(page.GetByTestId("version-state")).ToHaveTextAsync("草稿");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布此版本" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("第 2 版已发布");
        await Assertions.Expect(page.GetByTestId("version-state")).ToHaveTextAsync("已发布");
        await Browser.ScreenshotAsync(page, "admin-workflow-published");
    }

    [Fact]
    public async Task On_a_tablet_an_administrator_opens_and_closes_a_batch_and_creates_and_disables_an_account()
    {
        var page = await SignInAsync(_browser, _host, "admin-browser", Password, width: 820);
        await page.GotoAsync("/admin/batches");
        await page.GetByLabel("批次名称").FillAsync("2027 年浙江省创新型中小企业第一批");
        await page.GetByLabel("层级").SelectOptionAsync("innovative");
        await page.GetByLabel("地区代码").FillAsync("33");
        await page.GetByRole(AriaRole.Button, new() { Name = "设立批次" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("已设立批次");
        var row = page.GetByTestId("batches").Locator("tr", new() { HasText = "2027 年浙江省创新型中小企业第一批" });
        await Assertions.Expect(row).ToContainTextAsync("申报中");

        await row.GetByRole(AriaRole.Button, new() { Name = "立即截止" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("已截止");
        await row.GetByRole(AriaRole.Button, new() { Name = "开放申报" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("申报中");
        await Browser.ScreenshotAsync(page, "admin-batches-tablet");

        // An account with its role and scope, then disabled.
        await page.GotoAsync("/admin/users");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync("province-33-browser");
        await page.GetByLabel("初始密码").FillAsync("weak");
        await page.GetByLabel("角色", new() { Exact = true }).SelectOptionAsync("regulator");
        await page.GetByLabel("地区代码").FillAsync("33");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("密码至少 10 个字符");
        await page.GetByLabel("初始密码").FillAsync("Province-Browser-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        var account = page.GetByTestId("users").Locator("tr", new() { HasText = "province-33-browser" });
        await Assertions.Expect(account).ToContainTextAsync("浙江省");
        await account.GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Assertions.Expect(account).ToContainTextAsync("已停用");
        await Browser.ScreenshotAsync(page, "admin-users-tablet");
    }

    /// <summary>Signs in through the login page in a fresh browser context.</summary>
    internal static async Task<IPage> SignInAsync(Browser browser, BrowserHost host, string userName, string password, int width = 1280)
    {
        var page = await browser.NewPageAsync(host.BaseUrl, width);
        await page.GotoAsync("/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        return page;
    }
}

/// <summary>
/// The regulator's main jobs in a browser: filter the approved list and download it as CSV, read the statistics
/// charts, verify the audit chain.
/// </summary>
public sealed class OversightTests : IAsyncLifetime
{
    private const string Password = "Browser-Regulator-2026";
    private readonly BrowserHost _host = new();
    private Browser _browser = null!;

    public async Task InitializeAsync()
    {
        _browser = await Browser.LaunchAsync();
        await _host.CreateAccountAsync(new NewAccount("ministry-browser", Password, Roles.Regulator));
        await _host.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<CertificationDbContext>();
            var now = _host.Clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            for (var i = 0; i < 30; i++)
            {
                var region = i < 24 ? "330106" : "440305";
                var first17 = $"91{region}{i:D9}";
                var enterprise = Enterprise.Register($"browser-ent-{i}", first17 + Certification.Domain.Criteria.Profiles.CreditCode.CheckCharacter(first17),
                    $"浏览器测试企业{i}有限公司", region, null, null, null, now);
                db.Enterprises.Add(enterprise);
                db.Titles.Add(Title.Issue($"browser-title-{i}", enterprise.Id, null, i % 3 == 0 ? "specialized" : "innovative", $"BT-{i:D6}", "miit-2022",
                    today.AddYears(-(i % 3)).AddMonths(-1), 3, now));
            }
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task A_regulator_filters_the_approved_list_downloads_it_reads_the_charts_and_verifies_the_audit_chain()
    {
        var page = await AdministrationTests.SignInAsync(_browser, _host, "ministry-browser", Password);
        new Uri(page.Url).AbsolutePath.Should().Be("/regulator/approved");
        await Assertions.Expect(page.GetByTestId("approved-total")).ToHaveTextAsync("30");

        // ---- filter and download ----
        await page.GetByLabel("层级").SelectOptionAsync("innovative");
        await page.GetByLabel("地区代码").FillAsync("33");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("approved-total")).ToHaveTextAsync("16");
        await Assertions.Expect(page.GetByTestId("approved-table")).Not.ToContainTextAsync("广东省");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出 CSV" }).ClickAsync());
        var file = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(file!, Encoding.UTF8)).TrimEnd().Split('\n');
        lines.Should().HaveCount(17, "a header and the 16 titles the page counted");
        lines[0].Should().Contain("统一社会信用代码");
        download.SuggestedFilename.Should().EndWith(".csv");
        await Assertions.Expect(page.GetByTestId("export-progress")).ToContainTextAsync("导出完成");
        await Browser.ScreenshotAsync(page, "regulator-approved-list");

        // ---- statistics ----
        await page.GetByRole(AriaRole.Link, new() { Name = "统计", Exact = true }).ClickAsync();
        var byRegion = page.GetByTestId("chart-by-region");
        await Assertions.Expect(byRegion.Locator("svg g.bar")).ToHaveCountAsync(2);
        await Assertions.Expect(byRegion.Locator("svg g.bar[data-category^='浙江省']")).ToHaveAttributeAsync("data-total", "24");
        await Assertions.Expect(page.GetByTestId("chart-by-year").Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("issued-total")).ToContainTextAsync("30");
        await Browser.ScreenshotAsync(page, "regulator-statistics");

        // ---- the audit chain ----
        await page.GetByRole(AriaRole.Link, new() { Name = "审计日志" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "校验完整性" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("verify-result")).ToContainTextAsync("审计链完整");
        await Assertions.Expect(page.GetByTestId("audit-table")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "regulator-audit");
    }
}
