using Certification.Api.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Certification.Api.Pages.Account;

/// <summary>Signs out by POST only (with antiforgery), so a link elsewhere cannot sign anyone out.</summary>
public sealed class LogoutModel(SignInManager<CertificationUser> signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Notice"] = "已退出登录。";
        return LocalRedirect("/");
    }
}
