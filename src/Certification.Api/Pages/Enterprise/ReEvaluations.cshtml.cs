using Certification.Api.Web;
using Certification.Domain.Dynamic;
using Certification.Workflows.Features.ReEvaluations;

namespace Certification.Api.Pages.Enterprise;

/// <summary>复核: the enterprise's re-evaluations, open ones first (soonest expiry first), then the decided ones, newest first.</summary>
public sealed class ReEvaluationsModel : EnterprisePage
{
    public IReadOnlyList<ReEvaluationView> Open { get; private set; } = [];
    public IReadOnlyList<ReEvaluationView> Closed { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var all = (await SendAsync(new ListReEvaluations(EnterpriseId: EnterpriseId))).Items;
        Open = all.Where(ReEvaluationText.IsOpen).OrderBy(r => r.TitleValidUntil).ToList();
        Closed = all.Where(r => !ReEvaluationText.IsOpen(r)).OrderByDescending(r => r.DecidedAt ?? r.OpenedAt).ToList();
    }
}

/// <summary>How the enterprise's pages word a re-evaluation's state and outcome.</summary>
public static class ReEvaluationText
{
    public static bool IsOpen(ReEvaluationView r) => r.Status is ReEvaluationStatus.AwaitingData or ReEvaluationStatus.AwaitingConfirmation;

    public static string TierName(ReEvaluationView r) => r.TierName ?? Display.Tier(r.Tier);

    /// <summary>What the re-evaluation waits for, and from whom.</summary>
    public static string Awaited(ReEvaluationView r) => r.Status switch
    {
        ReEvaluationStatus.AwaitingData => $"待您提交数据（请在 {Display.Date(r.TitleValidUntil)} 称号届满前提交）",
        ReEvaluationStatus.AwaitingConfirmation => "数据已提交，待审核人员确认复核结果",
        _ => Outcome(r),
    };

    /// <summary>The outcome an officer confirmed (or the closing of a revoked title's re-evaluation).</summary>
    public static string Outcome(ReEvaluationView r) => r.Status switch
    {
        ReEvaluationStatus.Renewed => "续期：换发同层级新证书，有效期 3 年",
        ReEvaluationStatus.Downgraded => $"降级：换发{Display.Tier(r.OutcomeTier ?? "")}证书，有效期 3 年",
        ReEvaluationStatus.Lapsed => $"不予续期：称号于 {Display.Date(r.TitleValidUntil)} 届满失效",
        ReEvaluationStatus.Cancelled => "复核终止：称号已撤销",
        _ => r.StatusLabel,
    };

    /// <summary>What the criteria in force propose, before an officer confirms.</summary>
    public static string? Proposal(ReEvaluationView r) => r.ProposedOutcome switch
    {
        TitleCheck.Renewed => "续期（数据仍满足本层级条件）",
        TitleCheck.Downgraded => $"降级为{Display.Tier(r.ProposedTier ?? "")}（仅满足较低层级条件）",
        TitleCheck.Lapsed => "不予续期（数据不满足本层级及以下层级条件）",
        _ => null,
    };

    public static string Tag(ReEvaluationView r) => r.Status switch
    {
        ReEvaluationStatus.AwaitingData => "warn",
        ReEvaluationStatus.Renewed or ReEvaluationStatus.Downgraded => "ok",
        ReEvaluationStatus.Lapsed or ReEvaluationStatus.Cancelled => "bad",
        _ => "",
    };
}
