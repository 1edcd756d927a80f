using Certification.Api.Http;
using Certification.Api.Identity;
using Certification.Api.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Certification.Api.Pages.Account;

/// <summary>Cookie sign-in of the web UI: the same account rules as the API (lockout, disabled accounts, per-user throttle).</summary>
[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginModel(SignInManager<CertificationUser> signIn, UserManager<CertificationUser> users, RateLimits.LoginThrottle throttle)
    : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        var caller = HttpContext.CurrentCaller();
        return caller.IsAnonymous ? Page() : LocalRedirect(Target(caller));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName)) ModelState.AddModelError(nameof(UserName), "请输入用户名");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "请输入密码");
        if (!ModelState.IsValid) return Page();
        if (throttle.Refuse(UserName!) is { } wait)
        {
            ModelState.AddModelError("", $"该账号登录尝试过于频繁，请 {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} 秒后再试。");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var user = await users.FindByNameAsync(UserName!.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var role = (await users.GetRolesAsync(user!)).FirstOrDefault() ?? "";
            return LocalRedirect(Target(IdentitySetup.CallerOf(user!, role)));
        }
        ModelState.AddModelError("",
            result.IsLockedOut ? "连续登录失败次数过多，账号已暂时锁定，请 15 分钟后再试。"
            : result.IsNotAllowed ? "账号已停用，请联系管理员。"
            : "用户名或密码错误。");
        return Page();
    }

    private string Target(Workflows.Access.Caller caller) =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl : Navigation.HomeOf(caller);
}
