namespace Certification.Domain.Dynamic;

/// <summary>
/// A certified enterprise's report of a major change (更名、合并、重组、跨省迁移、设立境外分支). It is due within a
/// number of months of the change; a later report is flagged as late. An officer re-checks it: the titles are kept,
/// or revoked.
/// </summary>
public sealed class ChangeReport : IEnterpriseRecord
{
    private ChangeReport() { }

    public string Id { get; private set; } = "";
    public string EnterpriseId { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public DateOnly ChangedOn { get; private set; }
    public DateOnly DueBy { get; private set; }
    public DateOnly ReportedOn { get; private set; }
    public bool Late { get; private set; }
    public string Description { get; private set; } = "";
    public string ReportedBy { get; private set; } = "";
    public DateTime ReportedAt { get; private set; }
    public string Status { get; private set; } = ChangeReportStatus.Open;
    public string? WorkflowInstanceId { get; private set; }
    public string? Decision { get; private set; }
    public string? DecisionReason { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public static ChangeReport File(string id, string enterpriseId, string regionCode, string kind, DateOnly changedOn, DateOnly reportedOn,
        int dueMonths, string description, string actor, DateTime now)
    {
        if (MajorChanges.Find(kind) is not { } known) throw new DomainRuleException($"未知的变化类型“{kind}”，可选：{MajorChanges.Choices}", "kind");
        if (changedOn > reportedOn) throw new DomainRuleException($"变化日期 {changedOn:yyyy-MM-dd} 不能晚于今天（{reportedOn:yyyy-MM-dd}）", "changedOn");
        var due = MajorChanges.ReportDueBy(changedOn, dueMonths);
        return new ChangeReport
        {
            Id = id, EnterpriseId = enterpriseId, RegionCode = regionCode, Kind = known.Code, ChangedOn = changedOn, DueBy = due,
            ReportedOn = reportedOn, Late = reportedOn > due, Description = description, ReportedBy = actor, ReportedAt = now,
        };
    }

    public void AttachWorkflow(string instanceId) => WorkflowInstanceId = instanceId;

    public void Decide(string decision, string reason, string actor, DateTime now)
    {
        if (Status != ChangeReportStatus.Open) throw new DomainStateException("该变化报告已处理，不能重复处理。");
        Decision = decision;
        DecisionReason = reason;
        DecidedBy = actor;
        DecidedAt = now;
        Status = decision == ChangeReportStatus.Revoked ? ChangeReportStatus.Revoked : ChangeReportStatus.Kept;
    }
}

public static class ChangeReportStatus
{
    public const string Open = "Open";
    public const string Kept = "Kept";
    public const string Revoked = "Revoked";

    public static readonly IReadOnlyList<string> All = [Open, Kept, Revoked];

    public static string Label(string? status) => status switch
    {
        Open => "待复核",
        Kept => "复核后保留称号",
        Revoked => "复核后撤销称号",
        _ => status ?? "",
    };
}
