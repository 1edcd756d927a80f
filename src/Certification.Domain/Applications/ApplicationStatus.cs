namespace Certification.Domain.Applications;

/// <summary>Where an application is; kept in step with its workflow by the activities' host.</summary>
public static class ApplicationStatus
{
    public const string Draft = "Draft";
    public const string Submitted = "Submitted";
    public const string Returned = "Returned";
    public const string PreliminaryReview = "PreliminaryReview";
    public const string FormalReview = "FormalReview";
    public const string ExpertReview = "ExpertReview";
    public const string SpotCheck = "SpotCheck";
    public const string Recommendation = "Recommendation";
    public const string Publicity = "Publicity";
    public const string Certified = "Certified";
    public const string Rejected = "Rejected";
    public const string Withdrawn = "Withdrawn";

    public static bool IsOpen(string status) => status is not (Certified or Rejected or Withdrawn);

    /// <summary>Chinese label for applicants and officers.</summary>
    public static string Label(string status) => status switch
    {
        Draft => "草稿",
        Submitted => "已提交",
        Returned => "退回补正",
        PreliminaryReview => "初审中",
        FormalReview => "审核中",
        ExpertReview => "专家评审中",
        SpotCheck => "抽查中",
        Recommendation => "推荐中",
        Publicity => "公示中",
        Certified => "已认定",
        Rejected => "未通过",
        Withdrawn => "已撤回",
        _ => status,
    };
}
