using System.Globalization;

namespace Certification.Workflows.Features.Lifecycle;

/// <summary>Plain Chinese for the identifiers the lifecycle shows to people (outcomes, roles, activity types, actors).</summary>
public static class LifecycleText
{
    public static string Outcome(string? outcome) => outcome switch
    {
        null or "" => "",
        "Submitted" => "已提交",
        "Withdrawn" => "已撤回",
        "Expired" => "逾期未提交",
        "Eligible" => "符合条件",
        "NotEligible" => "不符合条件",
        "Recommended" => "推荐",
        "NotRecommended" => "不予推荐",
        "Returned" => "退回补正",
        "Rejected" => "不予通过",
        "Passed" => "通过",
        "Failed" => "不通过",
        "Divergent" => "评分分歧较大",
        "Skipped" => "未抽中，免于抽查",
        "Clear" => "公示期满无异议",
        "ObjectionUpheld" => "异议成立",
        "Done" => "完成",
        "Due" => "到期",
        "Renewed" => "复核通过，续期",
        "Downgraded" => "降级保留",
        "Lapsed" => "不予续期",
        "Kept" => "保留称号",
        "Revoked" => "撤销称号",
        "Executed" => "已执行",
        "Suspended" => "等待处理",
        "Resumed" => "已处理",
        "Faulted" => "流程出错",
        "Finished" => "流程结束",
        _ => outcome,
    };

    public static string Role(string? role) => role switch
    {
        "enterprise" => "申报企业",
        "reviewer" => "审核人员",
        "expert-panel" => "评审专家组",
        null or "" => "",
        _ => role,
    };

    public static string ActivityType(string? type) => type switch
    {
        "Certification.AwaitSubmission" => "企业申报",
        "Certification.EvaluateCriteria" => "条件核验",
        "Certification.PreliminaryReview" => "初审推荐",
        "Certification.FormalReview" => "审核",
        "Certification.ExpertScoring" => "专家评审",
        "Certification.SpotCheck" => "实地抽查",
        "Certification.Recommend" => "推荐上报",
        "Certification.Publicity" => "公示",
        "Certification.Certify" => "认定",
        "Certification.Reject" => "不予认定",
        "Certification.AwaitExpiry" => "等待复核期",
        "Certification.ReEvaluate" => "复核",
        "Certification.Revoke" => "撤销称号",
        "Certification.ConfirmReEvaluation" => "复核确认",
        "Certification.Lapse" => "不予续期",
        "Certification.ChangeReview" => "重大变化复核",
        "Elsa.Start" => "开始",
        "Elsa.End" or "Elsa.Finish" => "结束",
        _ => type ?? "",
    };

    public static string Actor(string? actor) => actor switch
    {
        null or "" => "系统",
        "system:timer" => "系统（到期自动处理）",
        "system:re-evaluation" => "系统（届满前自动启动复核）",
        LifecycleData.PanelActor => "评审专家组",
        "anonymous" => "未署名用户",
        _ => actor,
    };

    /// <summary>A UTC instant as Beijing wall-clock text.</summary>
    public static string BeijingTime(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Domain.Time.ChinaTime.Offset)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A decimal without trailing zeros.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
