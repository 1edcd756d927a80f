namespace Certification.Domain.Review;

/// <summary>
/// Why an expert in the pool may not sit on a panel. An expert excluded for several reasons is
/// counted once, under the first in this order, so the counts add up to the pool minus the eligible.
/// </summary>
public enum ExclusionReason
{
    Inactive,
    OnCurrentPanel,
    AlreadyDrawnOrDeclined,
    SameEnterprise,
    DeclaredRelationship,
    SameCounty,
}

public static class ExclusionReasonText
{
    public static string Describe(this ExclusionReason reason) => reason switch
    {
        ExclusionReason.Inactive => "专家未处于可用状态",
        ExclusionReason.OnCurrentPanel => "已在本评审组中",
        ExclusionReason.AlreadyDrawnOrDeclined => "已抽取过或已拒绝评审本申请",
        ExclusionReason.SameEnterprise => "任职于申报企业",
        ExclusionReason.DeclaredRelationship => "申报与该企业存在利害关系",
        ExclusionReason.SameCounty => "与申报企业属同一县（区）",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
