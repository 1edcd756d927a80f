namespace Certification.Domain.Review;

/// <summary>
/// One expert's seat on the panel of an application at one scoring step. Experts see only their own sheet until
/// they have submitted; the applicant and other experts never see who sat on the panel.
/// </summary>
public sealed class ExpertAssignment
{
    private ExpertAssignment() { }

    public string Id { get; private set; } = "";
    public string ApplicationId { get; private set; } = "";
    /// <summary>The panel's workflow task (one per scoring step); resumed when the last seat has submitted.</summary>
    public string PanelTaskId { get; private set; } = "";
    public string ExpertId { get; private set; } = "";
    public bool IsChair { get; private set; }
    public string Status { get; private set; } = ExpertAssignmentStatus.Assigned;
    public string? DeclineReason { get; private set; }
    public string? ScoreSheetJson { get; private set; }
    public decimal? Total { get; private set; }
    public DateTime AssignedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }

    public static ExpertAssignment Assign(string id, string applicationId, string panelTaskId, string expertId, bool isChair, DateTime now) =>
        new() { Id = id, ApplicationId = applicationId, PanelTaskId = panelTaskId, ExpertId = expertId, IsChair = isChair, AssignedAt = now };

    public void Decline(string reason)
    {
        if (Status != ExpertAssignmentStatus.Assigned) throw new DomainStateException("只能在提交评分前回避或拒绝。");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("请说明回避或拒绝的理由", "reason");
        Status = ExpertAssignmentStatus.Declined;
        DeclineReason = reason.Trim();
    }

    public void Submit(string scoreSheetJson, decimal total, DateTime now)
    {
        if (Status != ExpertAssignmentStatus.Assigned) throw new DomainStateException("评分已提交或已回避，不能再次提交。");
        Status = ExpertAssignmentStatus.Submitted;
        ScoreSheetJson = scoreSheetJson;
        Total = total;
        SubmittedAt = now;
    }
}

public static class ExpertAssignmentStatus
{
    public const string Assigned = "Assigned";
    public const string Declined = "Declined";
    public const string Submitted = "Submitted";
}
