using System.Text;
using Certification.Api.Diagrams;
using Certification.Api.Web;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Validation;
using Certification.Workflows.Features.Workflows;
using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Admin.Workflows;

/// <summary>One version of a definition: its flowchart with the validation result, its versions, publish and retract, JSON download.</summary>
public sealed class DefinitionModel(ActivityRegistry registry) : UiPage
{
    public IReadOnlyList<DefinitionSummary> Versions { get; private set; } = [];
    public DefinitionSummary Current { get; private set; } = null!;
    public FlowchartView? Chart { get; private set; }

    public async Task OnGetAsync(string definitionId, int? version) => await LoadAsync(definitionId, version, null);

    /// <summary>The version's Elsa 3 JSON as a file, for Elsa Studio or another installation.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string definitionId, int? version)
    {
        var summary = await FindAsync(definitionId, version);
        var json = await SendAsync(new ExportDefinition(definitionId, summary.Version));
        return File(Encoding.UTF8.GetBytes(json), "application/json", $"{definitionId}-v{summary.Version}.json");
    }

    public async Task<IActionResult> OnPostPublishAsync(string definitionId, int version)
    {
        try
        {
            await SendAsync(new PublishDefinition(definitionId, version));
        }
        catch (RequestValidationException e)
        {
            // The refusal names each activity (activities[id]); draw them red instead of listing field names.
            var errors = e.Errors.Select(ToValidationError).ToList();
            ModelState.AddModelError("", $"第 {version} 版未通过校验，没有发布。请按下面的问题修改后导入新版本。");
            await LoadAsync(definitionId, version, errors);
            return Page();
        }
        Notice = $"第 {version} 版已发布；原发布版本已撤回，已在办理的申报继续按原版本运行。";
        return RedirectToPage(new { definitionId, version });
    }

    public async Task<IActionResult> OnPostRetractAsync(string definitionId, int version)
    {
        var (ok, _) = await TryAsync(new RetractDefinition(definitionId));
        if (!ok)
        {
            await LoadAsync(definitionId, version, null);
            return Page();
        }
        Notice = "已撤回发布版本：新的申报不能再按此定义启动，已在办理的申报继续运行。请尽快发布一个新版本。";
        return RedirectToPage(new { definitionId, version });
    }

    private static ValidationError ToValidationError(FieldError error)
    {
        // PublishDefinition writes activities[<id>] and "<name>: <message>".
        var id = error.Field.StartsWith("activities[", StringComparison.Ordinal) && error.Field.EndsWith(']') ? error.Field[11..^1] : "";
        var cut = error.Message.IndexOf(": ", StringComparison.Ordinal);
        return cut > 0 ? new ValidationError(id, error.Message[..cut], error.Message[(cut + 2)..]) : new ValidationError(id, "", error.Message);
    }

    private async Task<DefinitionSummary> FindAsync(string definitionId, int? version)
    {
        Versions = (await SendAsync(new ListDefinitions())).Where(d => d.DefinitionId == definitionId).OrderByDescending(d => d.Version).ToList();
        return (version is null ? Versions.FirstOrDefault(v => v.IsLatest) ?? Versions.FirstOrDefault() : Versions.FirstOrDefault(v => v.Version == version))
               ?? throw new NotFoundException($"工作流定义 {definitionId} 没有{(version is null ? "任何版本" : $"第 {version} 版")}");
    }

    private async Task LoadAsync(string definitionId, int? version, IReadOnlyList<ValidationError>? errors)
    {
        Current = await FindAsync(definitionId, version);
        var json = await SendAsync(new ExportDefinition(definitionId, Current.Version));
        errors ??= (await SendAsync(new ValidateDefinition(json))).Errors;
        Chart = FlowchartView.TryOf(json, registry, errors);
    }
}
