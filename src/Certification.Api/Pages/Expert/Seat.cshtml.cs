using Certification.Api.Web;
using Certification.Domain.Criteria;
using Certification.Workflows.Features.Experts;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Expert;

/// <summary>
/// One seat's score sheet: per indicator the rubric, the computed score with its reason and the expert's own score
/// (a departure needs a comment); or decline / declare a conflict, after which a substitute is drawn.
/// </summary>
public sealed class SeatModel(CriteriaCatalog catalog) : UiPage
{
    [BindProperty] public List<IndicatorScoreInput> Indicators { get; set; } = [];

    public ScoreSheetView Sheet { get; private set; } = null!;

    public IReadOnlyList<string> Rubric(string code) => Improvement.Rubric(catalog.Default, Sheet.Tier, code);

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>What the score field shows: the posted value after a refusal, else the stored or computed score.</summary>
    public string? Value(int i, decimal? fallback) =>
        ModelState.TryGetValue($"Indicators[{i}].Score", out var entry) && entry.AttemptedValue is { } attempted ? attempted : Display.Number(fallback) is var n && n != "—" ? n : null;

    public string? Comment(int i) => i < Indicators.Count ? Indicators[i].Comment : Sheet.Indicators[i].Comment;

    public async Task OnGetAsync(string id) => Sheet = await SendAsync(new GetScoreSheet(id));

    public async Task<IActionResult> OnPostScoreAsync(string id)
    {
        if (ModelState.IsValid)
        {
            var (ok, result) = await TryAsync(new SubmitScores(id, Indicators));
            if (ok)
            {
                Notice = $"评分已提交，合计 {Display.Number(result!.Total)} 分。" + (result.PanelComplete ? $"专家组评审已完成：{Workflows.Features.Lifecycle.LifecycleText.Outcome(result.PanelOutcome)}。" : "");
                return RedirectToPage("/Expert/Index");
            }
        }
        Sheet = await SendAsync(new GetScoreSheet(id));
        return Page();
    }

    public async Task<IActionResult> OnPostDeclineAsync(string id, string? kind, string? detail)
    {
        var reason = string.IsNullOrWhiteSpace(detail) ? null : $"{kind}：{detail.Trim()}";
        var (ok, result) = await TryAsync(new DeclineAssignment(id, reason));
        if (ok)
        {
            Notice = result!.SubstituteSeated ? "已回避/谢绝，系统已抽取其他专家补位。" : "已回避/谢绝。";
            return RedirectToPage("/Expert/Index");
        }
        Sheet = await SendAsync(new GetScoreSheet(id));
        return Page();
    }
}
