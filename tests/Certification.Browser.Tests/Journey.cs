using Certification.Api.Identity;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
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
}
