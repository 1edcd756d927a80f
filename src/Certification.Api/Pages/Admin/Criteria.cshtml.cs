using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Api.Web;
using Certification.Workflows.Features.CriteriaVersions;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Admin;

/// <summary>
/// Criteria versions (评价标准版本): the register, a new draft from a criteria document, the preview of a draft's effect
/// on today's title holders, and publication.
/// </summary>
public sealed class CriteriaModel : UiPage
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Json { get; set; }
    [BindProperty(SupportsGet = true)] public string? Preview { get; set; }

    public IReadOnlyList<CriteriaVersionView> Versions { get; private set; } = [];
    public CriteriaPreview? Impact { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (!string.IsNullOrWhiteSpace(Preview)) Impact = await SendAsync(new PreviewCriteriaVersion(Preview, 20));
    }

    public async Task<IActionResult> OnPostDraftAsync()
    {
        var text = await JsonText.FromFormAsync(Upload, Json, HttpContext.RequestAborted);
        JsonObject? document = null;
        if (string.IsNullOrWhiteSpace(text)) ModelState.AddModelError(nameof(Json), "请选择评价标准文件（.json），或把 JSON 粘贴到文本框中。");
        else
        {
            try
            {
                document = JsonNode.Parse(text) as JsonObject;
                if (document is null) ModelState.AddModelError(nameof(Json), "评价标准文件须是一个 JSON 对象（格式见 criteria/README.md）。");
            }
            catch (JsonException e)
            {
                ModelState.AddModelError(nameof(Json), $"JSON 格式错误，在{JsonText.Where(e)}：请检查括号、引号和逗号。");
            }
        }
        if (document is not null)
        {
            var (ok, draft) = await TryAsync(new CreateCriteriaDraft(document, Caller.UserName));
            if (ok)
            {
                Notice = $"已添加草稿“{draft!.Version}”。请先预览它对现有称号持有企业的影响，再决定是否发布。";
                return RedirectToPage(new { preview = draft.Version });
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(string version)
    {
        var (ok, published) = await TryAsync(new PublishCriteriaVersion(version, Caller.UserName));
        if (!ok)
        {
            await LoadAsync();
            return Page();
        }
        Notice = $"评价标准“{published!.Version}”已发布，自即日起用于{Display.Region(published.RegionPrefix)}的新批次和复核；已作出的评价不受影响。";
        return RedirectToPage();
    }

    private async Task LoadAsync() => Versions = await SendAsync(new ListCriteriaVersions());
}
