using Certification.Api.Identity;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Features.Documents;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Microsoft.Playwright;

namespace Certification.Browser.Tests;

/// <summary>
/// What an administrator would have set up before enterprises apply (enterprise record, batch, expert pool,
/// accounts), made through the product's own features; and the steps each role takes in the browser.
/// </summary>
public sealed class Journey(BrowserHost host, Browser browser)
{
    public const string Password = "Browser-Test-2026";
    public const string EnterpriseUser = "ent-browser";
    public const string PreliminaryUser = "pre-browser";
    public const string FormalUser = "frm-browser";
    public static readonly string[] ExpertUsers = ["exp-browser-1", "exp-browser-2", "exp-browser-3"];

    public string EnterpriseName { get; } = "杭州浏览器精密机械有限公司";
    public string EnterpriseId { get; private set; } = "";
    public string BatchName { get; private set; } = "";

    public DateOnly Today => ChinaTime.Today(host.Clock);

    /// <summary>A specialized batch of Zhejiang open today, an enterprise of Hangzhou holding an innovative title, three experts from Sichuan, and the accounts.</summary>
    public async Task SetUpAsync(string tier = "specialized", bool withInnovativeTitle = true)
    {
        var first17 = "91330106MA2B" + Random.Shared.Next(10000, 99999);
        var enterprise = await host.SendAsync(new RegisterEnterprise(first17 + CreditCode.CheckCharacter(first17), EnterpriseName, "330106", "王经理", "0571-88000001"));
        EnterpriseId = enterprise.Id;
        BatchName = $"{Today.Year}年浙江省{(tier == "specialized" ? "专精特新中小企业" : "创新型中小企业")}第一批";
        await host.SendAsync(new CreateBatch(BatchName, tier, "33", Today.AddDays(-1), Today.AddDays(30), SpotCheckShare: 0m));
        if (withInnovativeTitle)
        {
            // The ladder: a specialized application needs a valid innovative title in the register.
            await host.WithServicesAsync(async s =>
            {
                var db = s.GetRequiredService<CertificationDbContext>();
                db.Titles.Add(Title.Issue(Guid.NewGuid().ToString("D"), EnterpriseId, null, "innovative", $"CX-{Today.Year - 1}-900001", "miit-2022",
                    Today.AddYears(-1), 3, host.Clock.GetUtcNow().UtcDateTime));
                return await db.SaveChangesAsync();
            });
        }
        await host.CreateAccountAsync(new NewAccount(EnterpriseUser, Password, Roles.Enterprise, EnterpriseId: EnterpriseId));
        await host.CreateAccountAsync(new NewAccount(PreliminaryUser, Password, Roles.Reviewer, "3301", ReviewStage: Roles.Stages.Preliminary));
        await host.CreateAccountAsync(new NewAccount(FormalUser, Password, Roles.Reviewer, "33", ReviewStage: Roles.Stages.Formal));
        for (var i = 0; i < ExpertUsers.Length; i++)
        {
            var expert = await host.SendAsync(new RegisterExpert($"评审专家{i + 1}", "510104", ["智能制造", "新材料"], UserName: ExpertUsers[i]));
            await host.CreateAccountAsync(new NewAccount(ExpertUsers[i], Password, Roles.Expert, ExpertId: expert.Id));
        }
    }

    /// <summary>Signs in through the login page in a fresh browser context and returns the page it landed on.</summary>
    public async Task<IPage> SignInAsync(string userName, int width = 1280)
    {
        var page = await browser.NewPageAsync(host.BaseUrl, width);
        await page.GotoAsync("/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        return page;
    }

    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.Context.CloseAsync();
    }

    /// <summary>On an application page: uploads a PDF for every required item, then submits.</summary>
    public static async Task UploadRequiredAndSubmitAsync(IPage page)
    {
        var required = await page.Locator("#item option").EvaluateAllAsync<string[]>(
            "options => options.filter(o => o.textContent.includes('必备')).map(o => o.value)");
        required.Should().NotBeEmpty();
        foreach (var item in required)
        {
            await page.Locator("#item").SelectOptionAsync(item);
            await page.Locator("#file").SetInputFilesAsync(Pdf(item));
            await page.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已上传");
        }
        await page.GetByTestId("submit-application").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已提交");
    }

    /// <summary>Another enterprise of Hangzhou applies in the open batch, through the features as the system (no browser), submitted.</summary>
    public async Task<string> SubmitAnotherAsync(string name)
    {
        var first17 = "91330105MA2C" + Random.Shared.Next(10000, 99999);
        var other = await host.SendAsync(new RegisterEnterprise(first17 + CreditCode.CheckCharacter(first17), name, "330105"));
        await host.SendAsync(new UpdateEnterpriseProfile(other.Id, SampleProfile(Today.Year)));
        var batch = (await host.SendAsync(new ListBatches(Open: true))).Single(b => b.Name == BatchName);
        var draft = await host.SendAsync(new CreateApplication(other.Id, batch.Id));
        foreach (var item in draft.Checklist.Where(c => c.Required))
            await host.SendAsync(new UploadDocument(draft.Id, item.Item, item.Item + ".pdf", Pdf(item.Item).Buffer, "system"));
        await host.SendAsync(new SubmitApplication(draft.Id, "system"));
        return draft.Id;
    }

    /// <summary>The profile the browser fills in, as data.</summary>
    public static EnterpriseProfile SampleProfile(int thisYear) => new()
    {
        IsSme = true, IndependentLegalPerson = true,
        Compliance = new ComplianceRecord { AbnormalOperationList = false, SeriousDishonestyList = false, ProhibitedProducts = false, MajorIncidentLast3Years = false },
        Financials =
        [
            new FinancialYear { Year = thisYear - 1, OperatingRevenue = 15000, MainBusinessRevenue = 13500, RdExpense = 900, NetProfit = 1200, TotalAssets = 20000, TotalLiabilities = 9000 },
            new FinancialYear { Year = thisYear - 2, OperatingRevenue = 13000, MainBusinessRevenue = 11800, RdExpense = 700, NetProfit = 1000, TotalAssets = 18000, TotalLiabilities = 8500 },
            new FinancialYear { Year = thisYear - 3, OperatingRevenue = 11000, MainBusinessRevenue = 10000, RdExpense = 600, NetProfit = 800, TotalAssets = 16000, TotalLiabilities = 8000 },
        ],
        NicheMarketYears = 6, Employees = 180, RdStaff = 30,
        Ip = new IntellectualProperty { Class1SelfDeveloped = 3, Class1 = 3, Class2 = 8 },
        RdInstitution = RdInstitutionLevel.Provincial, DigitalLevel = 2,
        Quality = new QualityRecord { QualitySystemCertified = true, OwnBrand = true },
        ProductField = new ProductField { StrategicEmerging = true, SpecializedField = SpecializedField.SixFoundations },
        Honors = new Honors { HighTechEnterprise = true },
        Awards = new AwardRanks { ProvincialRank = 2 },
        RegionalFeatureScore = 10,
    };

    public static FilePayload Pdf(string name) => new()
    {
        Name = name + ".pdf", MimeType = "application/pdf",
        Buffer = Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% {name}\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
    };

    public static async Task FillProfileAsync(IPage page, string liveTier = "specialized")
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
        await page.GetByLabel("测算层级").SelectOptionAsync(liveTier);
        await Assertions.Expect(page.GetByTestId("live-verdict")).ToHaveTextAsync("符合条件");
    }
}
