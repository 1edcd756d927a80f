using Certification.Api.Web;
using Certification.Workflows.Features.ReEvaluations;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Officer;

/// <summary>
/// One re-evaluation: the enterprise, the title, the criteria version, the computed result tier by tier and indicator
/// by indicator, the proposal; the officer confirms one of the outcomes the feature accepts (its AllowedOutcomes) with
/// a reason, which is required when departing from the proposal.
/// </summary>
public sealed class ReEvaluationModel : OfficerPage
{
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public ReEvaluationView ReEvaluation { get; private set; } = null!;

    public async Task OnGetAsync(string id) => ReEvaluation = await SendAsync(new GetReEvaluation(id));

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var (ok, done) = await TryAsync(new ConfirmReEvaluation(id, Outcome, Reason, Caller.UserName));
        if (ok)
        {
            Notice = $"已确认 {done!.EnterpriseName} 的复核结果：{done.StatusLabel}。";
            return RedirectToPage(new { id });
        }
        ReEvaluation = await SendAsync(new GetReEvaluation(id));
        return Page();
    }

    /// <summary>What confirming an outcome does, for the choice's label.</summary>
    public string Choice(string outcome) => outcome switch
    {
        TitleCheck.Renewed => "续期：换发同层级称号，有效期 3 年",
        TitleCheck.Downgraded => $"降级：换发{Display.Tier(ReEvaluation.ProposedTier ?? "")}称号，有效期 3 年",
        TitleCheck.Lapsed => $"不予续期：称号有效至 {Display.Date(ReEvaluation.TitleValidUntil)}，到期失效",
        _ => outcome,
    };
}
