using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Certification.Api.Pages.Public;

/// <summary>The friendly page behind a status code of a page request (the API answers problem+json instead).</summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Advice { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    // A refused post re-executes here with its own method.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // Visited directly, the page answers with the status it describes.
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
        (Title, Advice) = Code switch
        {
            400 => ("请求内容有误", "请返回上一页，按提示修改后重试。"),
            403 => ("无权访问", "当前账号无权进行此操作。"),
            404 => ("页面不存在", "您要找的页面或记录不存在，或不在您的权限范围内。请检查链接，或从导航重新进入。"),
            409 => ("当前状态不允许此操作", "该记录的状态已经变化（可能已被他人处理）。请刷新页面查看最新状态。"),
            429 => ("操作过于频繁", "请稍等片刻再试。"),
            _ => ("系统暂时无法处理", "请稍后再试；如果问题持续，请联系管理员。"),
        };
    }
}
