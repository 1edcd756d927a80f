using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Api.Diagrams;
using Certification.Api.Web;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;
using Certification.Workflows.Engine.Validation;
using Certification.Workflows.Features.Workflows;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Admin.Workflows;

/// <summary>
/// The JSON editor: check a definition (problems drawn on the flowchart at their activities), test-run it with input and
/// events (the trace on the flowchart and as a list), and save it as a new draft version.
/// </summary>
public sealed class EditorModel(ActivityRegistry registry) : UiPage
{
    /// <summary>What a test run starts with when nothing is given: an eligible application that is not sampled.</summary>
    public const string DefaultInput = """{ "simulation": { "eligible": true, "sampled": false } }""";

    [BindProperty(SupportsGet = true)] public string? DefinitionId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }
    [BindProperty] public string? Json { get; set; }
    [BindProperty] public string? Input { get; set; }
    [BindProperty] public string? Events { get; set; }

    public FlowchartView? Chart { get; private set; }
    public bool Checked { get; private set; }
    public SimulationReport? Run { get; private set; }

    public async Task OnGetAsync()
    {
        Input = DefaultInput;
        Events = "[]";
        if (string.IsNullOrEmpty(DefinitionId)) return;
        var stored = await SendAsync(new ExportDefinition(DefinitionId, Version));
        Json = JsonText.Pretty(JsonNode.Parse(stored)!);
        await CheckAsync();
    }

    public async Task<IActionResult> OnPostValidateAsync()
    {
        await CheckAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSimulateAsync()
    {
        var input = ParseInput<JsonObject>(Input, nameof(Input), "试运行输入须是 JSON 对象，例如 " + DefaultInput);
        var events = ParseInput<JsonArray>(Events, nameof(Events), "事件须是 JSON 数组，例如 [{\"task\": \"preliminaryReview\", \"outcome\": \"Recommended\"}]");
        if (!await CheckAsync() || !ModelState.IsValid) return Page();
        var (ok, report) = await TryAsync(new SimulateDefinition(Json!, input, events));
        if (ok)
        {
            Run = report;
            Chart = FlowchartView.TryOf(Json!, registry, Chart?.Errors ?? [], report!.Executed, report.WaitingOn);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!await CheckAsync()) return Page();
        var (ok, draft) = await TryAsync(new ImportDefinition(Json!));
        if (!ok) return Page();
        Notice = Chart!.Errors.Count == 0
            ? $"已保存为第 {draft!.Version} 版（草稿），校验通过，可以发布。"
            : $"已保存为第 {draft!.Version} 版（草稿）；还有 {Chart.Errors.Count} 个问题，修改前不能发布。";
        return RedirectToPage("Definition", new { definitionId = draft.DefinitionId, version = draft.Version });
    }

    /// <summary>Validates the JSON in the box; false when it is not JSON at all (the error says where).</summary>
    private async Task<bool> CheckAsync()
    {
        Checked = true;
        if (string.IsNullOrWhiteSpace(Json))
        {
            ModelState.AddModelError(nameof(Json), "请粘贴或输入工作流定义的 JSON。");
            return false;
        }
        try
        {
            JsonNode.Parse(Json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            ModelState.AddModelError(nameof(Json), $"JSON 格式错误，在{JsonText.Where(e)}：请检查括号、引号和逗号。");
            return false;
        }
        var validity = await SendAsync(new ValidateDefinition(Json));
        Chart = FlowchartView.TryOf(Json, registry, validity.Errors);
        if (Chart is null)
        {
            ModelState.AddModelError(nameof(Json), string.Join("；", validity.Errors.Select(e => e.Message)) + " 请对照 Elsa 3 定义格式检查 root 与 activities。");
            return false;
        }
        return true;
    }

    private T? ParseInput<T>(string? text, string field, string hint) where T : JsonNode
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            if (JsonNode.Parse(text) is T node) return node;
        }
        catch (JsonException)
        {
        }
        ModelState.AddModelError(field, hint);
        return null;
    }

    public static string KindText(JournalEntryKind kind) => kind switch
    {
        JournalEntryKind.Executed => "执行",
        JournalEntryKind.Suspended => "等待",
        JournalEntryKind.Resumed => "恢复并完成",
        JournalEntryKind.Faulted => "出错",
        JournalEntryKind.Finished => "流程结束",
        _ => kind.ToString(),
    };

    public static string StatusText(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Finished => "已结束",
        WorkflowStatus.Suspended => "等待中",
        WorkflowStatus.Faulted => "出错",
        _ => "运行中",
    };
}
