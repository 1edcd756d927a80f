using Certification.Api.Web;
using Certification.Workflows.Features.Workflows;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Admin.Workflows;

/// <summary>Every workflow definition with its versions; import of Elsa 3 JSON; publishing several drafts at once.</summary>
public sealed class IndexModel : UiPage
{
    /// <summary>Larger files are not workflow definitions (the shipped ones are under 30 KB).</summary>
    public const long MaxImportBytes = 2 * 1024 * 1024;

    public IReadOnlyList<IGrouping<string, DefinitionSummary>> Definitions { get; private set; } = [];

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Json { get; set; }
    [BindProperty] public List<string> Selected { get; set; } = [];

    /// <summary>The outcome of a bulk publish, one line per version.</summary>
    public IReadOnlyList<(string Version, bool Ok, string Message)> Published { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostImportAsync()
    {
        string? text = null;
        if (Upload is { Length: > MaxImportBytes })
            ModelState.AddModelError(nameof(Upload), $"文件过大（{Upload.Length / 1024} KB）；工作流定义文件应小于 {MaxImportBytes / 1024 / 1024} MB。请确认选择的是 Elsa 导出的 JSON 文件。");
        else text = await JsonText.FromFormAsync(Upload, Json, HttpContext.RequestAborted);
        if (ModelState.IsValid && string.IsNullOrWhiteSpace(text))
            ModelState.AddModelError(nameof(Upload), "请选择 Elsa 3 工作流定义文件（.json），或把 JSON 粘贴到文本框中。");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var (ok, draft) = await TryAsync(new ImportDefinition(text!));
        if (!ok)
        {
            await LoadAsync();
            return Page();
        }
        Notice = $"已导入“{draft!.Name}”第 {draft.Version} 版（草稿）。请检查流程图和校验结果，试运行后再发布。";
        return RedirectToPage("Definition", new { definitionId = draft.DefinitionId, version = draft.Version });
    }

    /// <summary>Publishes the chosen drafts one after another; each is validated on its own and the outcome of each is listed.</summary>
    public async Task<IActionResult> OnPostPublishAsync()
    {
        var results = new List<(string, bool, string)>();
        foreach (var item in Selected.Distinct())
        {
            var cut = item.LastIndexOf(':');
            if (cut <= 0 || !int.TryParse(item[(cut + 1)..], out var version))
            {
                results.Add((item, false, "无法识别的版本"));
                continue;
            }
            var id = item[..cut];
            var state = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
            try
            {
                var published = await SendAsync(new PublishDefinition(id, version));
                results.Add(($"{published.Name} 第 {version} 版", true, "已发布，原发布版本已撤回"));
            }
            catch (Exception e) when (UiErrors.TryAdd(state, e, f => f))
            {
                results.Add(($"{id} 第 {version} 版", false, "未发布：" + string.Join("；", state.Values.SelectMany(v => v.Errors).Select(x => x.ErrorMessage))));
            }
        }
        if (results.Count == 0) ModelState.AddModelError(nameof(Selected), "请先勾选要发布的草稿版本。");
        Published = results;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Definitions = (await SendAsync(new ListDefinitions()))
            .OrderBy(d => d.DefinitionId, StringComparer.Ordinal).ThenByDescending(d => d.Version)
            .GroupBy(d => d.DefinitionId).ToList();
}
