using Certification.Api.Web;
using Certification.Workflows.Features.ReEvaluations;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Enterprise;

/// <summary>
/// One re-evaluation of the enterprise: the title, what is awaited and by when, the submission of its current data,
/// the evaluation under the criteria in force indicator by indicator, and the outcome an officer confirmed. Another
/// enterprise's re-evaluation is out of scope (404).
/// </summary>
public sealed class ReEvaluationModel : EnterprisePage
{
    public ReEvaluationView ReEvaluation { get; private set; } = null!;

    public async Task OnGetAsync(string id) => ReEvaluation = await SendAsync(new GetReEvaluation(id));

    public async Task<IActionResult> OnPostSubmitAsync(string id)
    {
        var (ok, submitted) = await TryAsync(new SubmitReEvaluationData(id, Caller.UserName));
        if (ok)
        {
            Notice = ReEvaluationText.Proposal(submitted!) is { } proposal
                ? $"已提交复核数据。按现行标准测算的建议结果：{proposal}，待审核人员确认。"
                : "已提交复核数据，待审核人员确认。";
            return RedirectToPage(new { id });
        }
        ReEvaluation = await SendAsync(new GetReEvaluation(id));
        return Page();
    }
}
