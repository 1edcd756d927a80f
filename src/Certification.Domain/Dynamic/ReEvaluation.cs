namespace Certification.Domain.Dynamic;

/// <summary>
/// One re-evaluation (复核) of a title before it expires: opened by the sweep a lead time before expiry, the
/// enterprise's data frozen when it submits, evaluated under the criteria version in force then, and decided by an
/// officer (renew, downgrade to the tier below that is met, or lapse at the end date). Its workflow instance drives
/// the steps; this row is what lists and views read.
/// </summary>
public sealed class ReEvaluation : IEnterpriseRecord
{
    private ReEvaluation() { }

    public string Id { get; private set; } = "";
    public string TitleId { get; private set; } = "";
    public string EnterpriseId { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string Tier { get; private set; } = "";
    public DateOnly TitleValidUntil { get; private set; }
    public string Status { get; private set; } = ReEvaluationStatus.AwaitingData;
    public string? WorkflowInstanceId { get; private set; }
    public DateTime OpenedAt { get; private set; }

    public DateTime? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    /// <summary>The enterprise's profile as submitted (the yearly data the re-evaluation judged).</summary>
    public string? ProfileJson { get; private set; }

    /// <summary>The criteria version in force when the data was evaluated.</summary>
    public string? CriteriaVersion { get; private set; }
    /// <summary>Evaluations of the title's tier and the tier below (JSON array of Evaluation).</summary>
    public string? EvaluationsJson { get; private set; }
    public string? ProposedOutcome { get; private set; }
    public string? ProposedTier { get; private set; }

    public string? Outcome { get; private set; }
    public string? OutcomeTier { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? Reason { get; private set; }
    public string? NewTitleId { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    public bool IsOpen => Status is ReEvaluationStatus.AwaitingData or ReEvaluationStatus.AwaitingConfirmation;

    public static ReEvaluation Open(string id, string titleId, string enterpriseId, string regionCode, string tier, DateOnly validUntil, DateTime now) =>
        new()
        {
            Id = id, TitleId = titleId, EnterpriseId = enterpriseId, RegionCode = regionCode, Tier = tier,
            TitleValidUntil = validUntil, OpenedAt = now,
        };

    public void AttachWorkflow(string instanceId) => WorkflowInstanceId = instanceId;

    public void Submit(string profileJson, string actor, DateTime now)
    {
        if (Status != ReEvaluationStatus.AwaitingData)
            throw new DomainStateException($"复核当前状态为“{ReEvaluationStatus.Label(Status)}”，不能再提交数据。");
        ProfileJson = profileJson;
        SubmittedBy = actor;
        SubmittedAt = now;
    }

    public void Propose(string criteriaVersion, string evaluationsJson, string outcome, string? tier)
    {
        CriteriaVersion = criteriaVersion;
        EvaluationsJson = evaluationsJson;
        ProposedOutcome = outcome;
        ProposedTier = tier;
        Status = ReEvaluationStatus.AwaitingConfirmation;
    }

    /// <summary>The officer's decision; the new title (renewed or lower) is issued by the workflow's Certify step.</summary>
    public void Decide(string outcome, string? tier, string? reason, string actor, DateTime now)
    {
        if (Status != ReEvaluationStatus.AwaitingConfirmation)
            throw new DomainStateException($"复核当前状态为“{ReEvaluationStatus.Label(Status)}”，不能确认结果。");
        Outcome = outcome;
        OutcomeTier = tier;
        Reason = reason;
        DecidedBy = actor;
        DecidedAt = now;
    }

    public void Renewed(string newTitleId, DateTime now)
    {
        NewTitleId = newTitleId;
        Status = Outcome == ReEvaluationStatus.Downgraded ? ReEvaluationStatus.Downgraded : ReEvaluationStatus.Renewed;
        ClosedAt = now;
    }

    public void Lapsed(string reason, DateTime now)
    {
        if (Status == ReEvaluationStatus.Cancelled) return;
        Outcome ??= ReEvaluationStatus.Lapsed;
        Reason ??= reason;
        Status = ReEvaluationStatus.Lapsed;
        ClosedAt = now;
    }

    /// <summary>The title was revoked while its re-evaluation was open: nothing is left to decide.</summary>
    public void Cancel(string reason, DateTime now)
    {
        Reason = reason;
        Status = ReEvaluationStatus.Cancelled;
        ClosedAt = now;
    }
}

public static class ReEvaluationStatus
{
    public const string AwaitingData = "AwaitingData";
    public const string AwaitingConfirmation = "AwaitingConfirmation";
    public const string Renewed = "Renewed";
    public const string Downgraded = "Downgraded";
    public const string Lapsed = "Lapsed";
    public const string Cancelled = "Cancelled";

    public static readonly IReadOnlyList<string> All = [AwaitingData, AwaitingConfirmation, Renewed, Downgraded, Lapsed, Cancelled];

    public static string Label(string? status) => status switch
    {
        AwaitingData => "待企业更新数据",
        AwaitingConfirmation => "待审核人员确认",
        Renewed => "复核通过，已续期",
        Downgraded => "复核降级，已换发较低层级称号",
        Lapsed => "未续期，称号届满失效",
        Cancelled => "已终止（称号已撤销）",
        _ => status ?? "",
    };
}
