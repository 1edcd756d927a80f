using Certification.Api.Identity;
using Certification.Api.Web;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Admin;

/// <summary>
/// Accounts: the list with role, scope and state; a new account with its role and scope; disabling one (its sign-ins,
/// cookies and tokens stop at once). Through the same <see cref="UserAccounts"/> as the CLI's <c>users</c> verb.
/// </summary>
public sealed class UsersModel(UserAccounts accounts) : UiPage
{
    [BindProperty] public string? NewUserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public string? Stage { get; set; }
    [BindProperty] public string? EnterpriseCreditCode { get; set; }
    [BindProperty] public string? ExpertId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Filter { get; set; }
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public ListPage<AccountView> Accounts { get; private set; } = Pager.Cut<AccountView>([], 1);
    public IReadOnlyList<ExpertView> Experts { get; private set; } = [];

    protected override string FieldKey(string requestField) => requestField switch
    {
        "userName" => nameof(NewUserName), "password" => nameof(Password), "role" => nameof(Role), "region" => nameof(Region),
        "stage" => nameof(Stage), "enterprise" => nameof(EnterpriseCreditCode), "expert" => nameof(ExpertId),
        _ => requestField,
    };

    public static readonly IReadOnlyList<(string Role, string Label)> RoleChoices =
    [
        (Roles.Enterprise, "企业"), (Roles.Reviewer, "审核员"), (Roles.Expert, "评审专家"), (Roles.Admin, "管理员"), (Roles.Regulator, "监管部门"),
    ];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        string? enterpriseId = null;
        if (Role == Roles.Enterprise && !string.IsNullOrWhiteSpace(EnterpriseCreditCode))
        {
            var found = await SendAsync(new FindEnterprises(EnterpriseCreditCode.Trim().ToUpperInvariant(), null));
            if (found.Count == 0)
                ModelState.AddModelError(nameof(EnterpriseCreditCode), $"没有统一社会信用代码为 {EnterpriseCreditCode.Trim()} 的企业；请先登记企业，或检查代码。");
            else enterpriseId = found[0].Id;
        }
        if (ModelState.IsValid)
        {
            var spec = new NewAccount(NewUserName, Password, Role,
                string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(),
                Role == Roles.Enterprise ? enterpriseId ?? "" : null,
                Role == Roles.Expert ? ExpertId ?? "" : null,
                Role == Roles.Reviewer ? Stage : null);
            try
            {
                var user = await accounts.CreateAsync(spec, HttpContext.RequestAborted);
                Notice = $"已创建账号 {user.UserName}。请把初始密码通过安全渠道告知本人。";
                return RedirectToPage();
            }
            catch (Exception e) when (UiErrors.TryAdd(ModelState, e, FieldKey))
            {
            }
        }
        Password = null;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string userName)
    {
        if (string.Equals(userName, Caller.UserName, StringComparison.Ordinal))
        {
            ModelState.AddModelError("", "不能停用自己正在使用的账号；请由另一位管理员操作。");
            await LoadAsync();
            return Page();
        }
        if (!await accounts.DisableAsync(userName)) throw new NotFoundException($"账号 {userName} 不存在");
        Notice = $"账号 {userName} 已停用：不能再登录，已登录的会话和令牌立即失效。";
        return RedirectToPage(new { filter = Filter });
    }

    public static string ScopeOf(AccountView a) => a.Role switch
    {
        Roles.Enterprise => $"企业 {a.EnterpriseId}",
        Roles.Reviewer => $"{(a.ReviewStage == Roles.Stages.Formal ? "审核" : "初审")} · {Display.Region(a.RegionPrefix)}",
        Roles.Expert => $"专家 {a.ExpertId}",
        Roles.Regulator => Display.Region(a.RegionPrefix),
        Roles.Admin => "全国",
        _ => "—",
    };

    private async Task LoadAsync()
    {
        var (page, total, items) = await accounts.PageAsync(Filter, PageNumber, Pager.PageSize, HttpContext.RequestAborted);
        Accounts = new ListPage<AccountView>(items, page, Pager.PageSize, total);
        Experts = await SendAsync(new ListExperts());
    }
}
