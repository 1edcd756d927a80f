using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;

namespace Certification.Workflows.Engine.Activities;

/// <summary>
/// Base of the certification steps that wait for a person: builds the human task (role, region,
/// assignee, due date, form, Chinese title, allowed outcomes), lets the host complete it
/// (<see cref="ICertificationHost.PrepareTaskAsync"/>), and creates the task bookmark. On
/// resumption it completes with the task's outcome; the payload goes to the <c>result</c> output.
/// Common inputs: <c>formKey</c>, <c>dueDays</c>, <c>region</c> (default: the instance input's
/// <c>regionCode</c>), <c>assignee</c>.
/// </summary>
public abstract class HumanTaskActivity : IActivity
{
    protected abstract string Role { get; }
    protected abstract string DefaultFormKey { get; }
    protected abstract IReadOnlyList<string> TaskOutcomes { get; }
    protected abstract string Title(ActivityExecutionContext context);
    protected virtual JsonObject Data(ActivityExecutionContext context) => new();

    public virtual async ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        context.CreateTask(await PrepareTaskAsync(context, Role, context.GetInput<string>("formKey") ?? DefaultFormKey, Title(context), TaskOutcomes, Data(context)).ConfigureAwait(false));

    /// <summary>Builds a task from the common inputs and lets the host complete it.</summary>
    protected internal static async ValueTask<HumanTaskSpec> PrepareTaskAsync(ActivityExecutionContext context, string role, string formKey, string title,
        IReadOnlyList<string> outcomes, JsonObject data)
    {
        var dueDays = context.GetInput<int?>("dueDays");
        var id = context.ReserveTaskId();
        var spec = new HumanTaskSpec
        {
            Id = id,
            Role = role,
            Region = context.GetInput<string>("region") ?? context.WorkflowInput["regionCode"].AsString(),
            Assignee = context.GetInput<string>("assignee"),
            DueAt = dueDays is > 0 ? context.Now.AddDays(dueDays.Value) : null,
            FormKey = formKey,
            Title = title,
            Outcomes = outcomes,
            Data = data,
        };
        // The host completes the task but keeps its id: rows it keyed to the task (panel seats) must match the inbox row.
        var prepared = await context.Host.PrepareTaskAsync(context.CertificationContext, spec).ConfigureAwait(false);
        return prepared with { Id = id };
    }

    internal static string LevelName(string? level) => level?.ToLowerInvariant() switch
    {
        "county" => "县级",
        "city" => "市级",
        "province" => "省级",
        "ministry" or "national" => "工业和信息化部",
        null or "" => "",
        _ => level,
    };
}

[Activity("Certification.AwaitSubmission", DisplayName = "等待企业提交申报", Category = "认定", Kind = ActivityKind.Blocking,
    Description = "企业填写并提交申报材料；批次截止（宿主给出，或输入 deadline）时走 Expired。")]
[ActivityInput("formKey", "String", Default = "submission")]
[ActivityInput("dueDays", "Int32")]
[ActivityInput("deadline", "DateTimeOffset", Description = "提交截止时间；缺省时由宿主按批次给出")]
[ActivityInput("region", "String")]
[ActivityInput("assignee", "String")]
[ActivityOutput("result", "Object")]
[ActivityOutcomes("Submitted", "Withdrawn", "Expired")]
public sealed class AwaitSubmissionActivity : HumanTaskActivity, IActivity
{
    protected override string Role => "enterprise";
    protected override string DefaultFormKey => "submission";
    protected override IReadOnlyList<string> TaskOutcomes => ["Submitted", "Withdrawn"];
    protected override string Title(ActivityExecutionContext context) => "提交申报材料";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var deadline = context.GetInput<DateTimeOffset?>("deadline")
                       ?? await context.Host.SubmissionDeadlineAsync(context.CertificationContext).ConfigureAwait(false);
        if (deadline is { } d && d <= context.Now)
        {
            context.JournalMessage = "申报批次已截止";
            context.Complete("Expired");
            return;
        }
        await base.ExecuteAsync(context).ConfigureAwait(false);
        if (deadline is { } due) context.CreateTimer(due, new JsonObject { ["outcome"] = "Expired" });
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var r = context.Resumption!;
        if (r.Bookmark.Kind == BookmarkKind.Timer)
        {
            context.JournalMessage = "申报批次已截止，未提交";
            context.Complete("Expired");
        }
        else
        {
            if (r.Payload is not null) context.SetOutput("result", r.Payload);
            context.Complete(r.Outcome!);
        }
        return ValueTask.CompletedTask;
    }
}

[Activity("Certification.EvaluateCriteria", DisplayName = "指标测算", Category = "认定",
    Description = "用认定标准对企业提交的画像测算，得出是否符合条件。")]
[ActivityInput("tier", "String", Required = true, Options = "innovative,specialized,little-giant", Description = "梯度：innovative / specialized / little-giant")]
[ActivityOutput("result", "Object", Description = "测算结果摘要")]
[ActivityOutcomes("Eligible", "NotEligible")]
public sealed class EvaluateCriteriaActivity : IActivity
{
    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var tier = context.GetInput<string>("tier")!;
        var outcome = await context.Host.EvaluateAsync(context.CertificationContext, tier).ConfigureAwait(false);
        context.SetOutput("result", outcome.Summary.DeepClone());
        context.JournalMessage = outcome.Eligible ? $"测算（{tier}）：符合条件" : $"测算（{tier}）：不符合条件";
        context.Complete(outcome.Eligible ? "Eligible" : "NotEligible");
    }
}

[Activity("Certification.PreliminaryReview", DisplayName = "初审推荐", Category = "认定", Kind = ActivityKind.Blocking,
    Description = "市/县级主管部门初审并推荐。")]
[ActivityInput("level", "String", Default = "city", Options = "county,city,province,ministry")]
[ActivityInput("dueDays", "Int32", Default = 10)]
[ActivityInput("formKey", "String", Default = "preliminary-review")]
[ActivityInput("region", "String")]
[ActivityInput("assignee", "String")]
[ActivityOutput("result", "Object")]
[ActivityOutcomes("Recommended", "Returned", "Rejected")]
public sealed class PreliminaryReviewActivity : HumanTaskActivity
{
    protected override string Role => "reviewer";
    protected override string DefaultFormKey => "preliminary-review";
    protected override IReadOnlyList<string> TaskOutcomes => ["Recommended", "Returned", "Rejected"];
    protected override string Title(ActivityExecutionContext context) => $"{LevelName(context.GetInput<string>("level"))}初审推荐";
    protected override JsonObject Data(ActivityExecutionContext context) => new() { ["level"] = context.GetInput<string>("level") };
}

[Activity("Certification.FormalReview", DisplayName = "审核", Category = "认定", Kind = ActivityKind.Blocking,
    Description = "审核申报材料的完整性与真实性（省级；小巨人为工业和信息化部）。")]
[ActivityInput("level", "String", Default = "province", Options = "county,city,province,ministry")]
[ActivityInput("dueDays", "Int32", Default = 15)]
[ActivityInput("formKey", "String", Default = "formal-review")]
[ActivityInput("region", "String")]
[ActivityInput("assignee", "String")]
[ActivityOutput("result", "Object")]
[ActivityOutcomes("Passed", "Returned", "Rejected")]
public sealed class FormalReviewActivity : HumanTaskActivity
{
    protected override string Role => "reviewer";
    protected override string DefaultFormKey => "formal-review";
    protected override IReadOnlyList<string> TaskOutcomes => ["Passed", "Returned", "Rejected"];
    protected override string Title(ActivityExecutionContext context) => $"{LevelName(context.GetInput<string>("level"))}审核（材料完整性与真实性）";
    protected override JsonObject Data(ActivityExecutionContext context) => new() { ["level"] = context.GetInput<string>("level") };
}

[Activity("Certification.ExpertScoring", DisplayName = "专家评审", Category = "认定", Kind = ActivityKind.Blocking,
    Description = "组建专家组打分；宿主收齐评分后按汇总结果（通过 / 不通过 / 分歧过大）恢复。")]
[ActivityInput("panelSize", "Int32", Default = 3)]
[ActivityInput("divergenceThreshold", "Decimal", Default = "15", Description = "最高分与最低分之差超过该值视为分歧")]
[ActivityInput("passScore", "Decimal", Default = "60")]
[ActivityInput("dueDays", "Int32", Default = 10)]
[ActivityInput("formKey", "String", Default = "expert-scoring")]
[ActivityInput("region", "String")]
[ActivityInput("assignee", "String")]
[ActivityOutput("result", "Object")]
[ActivityOutcomes("Passed", "Failed", "Divergent")]
public sealed class ExpertScoringActivity : HumanTaskActivity
{
    protected override string Role => "expert-panel";
    protected override string DefaultFormKey => "expert-scoring";
    protected override IReadOnlyList<string> TaskOutcomes => ["Passed", "Failed", "Divergent"];
    protected override string Title(ActivityExecutionContext context) => $"专家评审打分（{context.GetInput<int>("panelSize")} 人）";

    protected override JsonObject Data(ActivityExecutionContext context) => new()
    {
        ["panelSize"] = context.GetInput<int>("panelSize"),
        ["divergenceThreshold"] = context.GetInput<decimal>("divergenceThreshold"),
        ["passScore"] = context.GetInput<decimal>("passScore"),
    };
}

[Activity("Certification.SpotCheck", DisplayName = "实地抽查", Category = "认定", Kind = ActivityKind.Blocking,
    Description = "按比例抽取部分申报实地核查；未抽中直接走 Skipped。")]
[ActivityInput("sampleShare", "Decimal", Default = "0.2", Description = "抽查比例 0~1")]
[ActivityInput("dueDays", "Int32", Default = 20)]
[ActivityInput("formKey", "String", Default = "spot-check")]
[ActivityInput("region", "String")]
[ActivityInput("assignee", "String")]
[ActivityOutput("result", "Object")]
[ActivityOutcomes("Passed", "Failed", "Skipped")]
public sealed class SpotCheckActivity : HumanTaskActivity
{
    protected override string Role => "reviewer";
    protected override string DefaultFormKey => "spot-check";
    protected override IReadOnlyList<string> TaskOutcomes => ["Passed", "Failed"];
    protected override string Title(ActivityExecutionContext context) => "实地抽查";
    protected override JsonObject Data(ActivityExecutionContext context) => new() { ["sampleShare"] = context.GetInput<decimal>("sampleShare") };

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var share = context.GetInput<decimal>("sampleShare");
        if (share is < 0 or > 1) throw new ActivityInputException("sampleShare", $"抽查比例 {share} 应在 0 到 1 之间。");
        if (!await context.Host.IsSampledForSpotCheckAsync(context.CertificationContext, share).ConfigureAwait(false))
        {
            context.JournalMessage = "未抽中，跳过实地抽查";
            context.Complete("Skipped");
            return;
        }
        await base.ExecuteAsync(context).ConfigureAwait(false);
    }
}

[Activity("Certification.Recommend", DisplayName = "推荐上报", Category = "认定", Kind = ActivityKind.Blocking,
    Description = "省级主管部门在名额内向国家推荐。")]
[ActivityInput("quota", "Int32", Description = "推荐名额（由任务处理方执行）")]
[ActivityInput("dueDays", "Int32", Default = 10)]
[ActivityInput("formKey", "String", Default = "recommendation")]
[ActivityInput("region", "String")]
[ActivityInput("assignee", "String")]
[ActivityOutput("result", "Object")]
[ActivityOutcomes("Recommended", "NotRecommended")]
public sealed class RecommendActivity : HumanTaskActivity
{
    protected override string Role => "reviewer";
    protected override string DefaultFormKey => "recommendation";
    protected override IReadOnlyList<string> TaskOutcomes => ["Recommended", "NotRecommended"];
    protected override string Title(ActivityExecutionContext context) => "省级推荐（限额）";
    protected override JsonObject Data(ActivityExecutionContext context) => new() { ["level"] = "province", ["quota"] = context.GetInput<int?>("quota") };
}

[Activity("Certification.Publicity", DisplayName = "公示", Category = "认定", Kind = ActivityKind.Blocking,
    Description = "公示 N 个工作日；期满无异议走 Clear，异议成立（经办人确认）走 ObjectionUpheld。")]
[ActivityInput("workingDays", "Int32", Default = 5)]
[ActivityInput("formKey", "String", Default = "objection")]
[ActivityInput("region", "String")]
[ActivityInput("assignee", "String")]
[ActivityOutput("result", "Object")]
[ActivityOutcomes("Clear", "ObjectionUpheld")]
public sealed class PublicityActivity : IActivity
{
    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var days = context.GetInput<int>("workingDays");
        if (days < 0) throw new ActivityInputException("workingDays", "公示天数不能为负。");
        var ends = await context.Host.PublicityEndsAtAsync(context.CertificationContext, context.Now, days).ConfigureAwait(false);
        var task = await HumanTaskActivity.PrepareTaskAsync(context, "reviewer", context.GetInput<string>("formKey") ?? "objection",
            "公示异议处理", ["ObjectionUpheld"], new JsonObject { ["publicityEndsAt"] = ends.ToString("o") }).ConfigureAwait(false);
        context.CreateTimer(ends, new JsonObject { ["outcome"] = "Clear" });
        context.CreateTask(task with { DueAt = task.DueAt ?? ends });
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var r = context.Resumption!;
        if (r.Bookmark.Kind == BookmarkKind.Timer)
        {
            context.JournalMessage = "公示期满，无成立的异议";
            context.Complete("Clear");
        }
        else
        {
            if (r.Payload is not null) context.SetOutput("result", r.Payload);
            context.Complete("ObjectionUpheld");
        }
        return ValueTask.CompletedTask;
    }
}

[Activity("Certification.Certify", DisplayName = "认定", Category = "认定", Description = "授予称号，有效期若干年。")]
[ActivityInput("validityYears", "Int32", Default = 3)]
[ActivityOutcomes("Done")]
public sealed class CertifyActivity : IActivity
{
    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var years = context.GetInput<int>("validityYears");
        if (years <= 0) throw new ActivityInputException("validityYears", "有效期必须为正数。");
        await context.Host.CertifyAsync(context.CertificationContext, years).ConfigureAwait(false);
        context.JournalMessage = $"认定，有效期 {years} 年";
        context.Complete();
    }
}

[Activity("Certification.Reject", DisplayName = "不予认定", Category = "认定", Description = "以理由结束申报。")]
[ActivityInput("reason", "String")]
[ActivityOutcomes("Done")]
public sealed class RejectActivity : IActivity
{
    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var reason = context.GetInput<string>("reason");
        await context.Host.RejectAsync(context.CertificationContext, reason).ConfigureAwait(false);
        context.JournalMessage = string.IsNullOrWhiteSpace(reason) ? "不予认定" : $"不予认定：{reason}";
        context.Complete();
    }
}

[Activity("Certification.AwaitExpiry", DisplayName = "等待复核期", Category = "认定", Kind = ActivityKind.Blocking,
    Description = "持久化定时器：称号到期前若干天进入复核。")]
[ActivityInput("daysBefore", "Int32", Default = 90)]
[ActivityOutcomes("Due")]
public sealed class AwaitExpiryActivity : IActivity
{
    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var days = context.GetInput<int>("daysBefore");
        var due = await context.Host.ExpiryReminderAtAsync(context.CertificationContext, days).ConfigureAwait(false);
        if (due <= context.Now) context.Complete("Due");
        else context.CreateTimer(due);
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        context.JournalMessage = "进入复核期";
        context.Complete("Due");
        return ValueTask.CompletedTask;
    }
}

[Activity("Certification.ReEvaluate", DisplayName = "复核", Category = "认定",
    Description = "按现行标准复核：通过续期，较低梯度符合则降级，否则称号失效。")]
[ActivityOutcomes("Renewed", "Downgraded", "Lapsed")]
public sealed class ReEvaluateActivity : IActivity
{
    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var outcome = await context.Host.ReEvaluateAsync(context.CertificationContext).ConfigureAwait(false);
        context.JournalMessage = outcome switch
        {
            ReEvaluationOutcome.Renewed => "复核通过，续期",
            ReEvaluationOutcome.Downgraded => "复核未通过本梯度，保留较低梯度称号",
            _ => "复核未通过，称号失效",
        };
        context.Complete(outcome.ToString());
    }
}

[Activity("Certification.Revoke", DisplayName = "撤销称号", Category = "认定", Description = "以理由撤销已授予的称号。")]
[ActivityInput("reason", "String")]
[ActivityOutcomes("Done")]
public sealed class RevokeActivity : IActivity
{
    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var reason = context.GetInput<string>("reason");
        await context.Host.RevokeAsync(context.CertificationContext, reason).ConfigureAwait(false);
        context.JournalMessage = string.IsNullOrWhiteSpace(reason) ? "撤销称号" : $"撤销称号：{reason}";
        context.Complete();
    }
}

[Activity("Certification.ConfirmReEvaluation", DisplayName = "复核确认", Category = "认定", Kind = ActivityKind.Blocking,
    Description = "审核人员确认复核结果：续期、降级（较低层级称号）或不予续期（称号届满失效）。")]
[ActivityInput("dueDays", "Int32", Default = 15)]
[ActivityInput("formKey", "String", Default = "re-evaluation-confirmation")]
[ActivityInput("region", "String")]
[ActivityInput("assignee", "String")]
[ActivityOutput("result", "Object")]
[ActivityOutcomes("Renewed", "Downgraded", "Lapsed")]
public sealed class ConfirmReEvaluationActivity : HumanTaskActivity
{
    protected override string Role => "reviewer";
    protected override string DefaultFormKey => "re-evaluation-confirmation";
    protected override IReadOnlyList<string> TaskOutcomes => ["Renewed", "Downgraded", "Lapsed"];
    protected override string Title(ActivityExecutionContext context) => "复核结果确认";
}

[Activity("Certification.Lapse", DisplayName = "不予续期", Category = "认定",
    Description = "称号不予续期：有效期内仍然有效，届满即失效；不是撤销，不限制重新申报。")]
[ActivityInput("reason", "String")]
[ActivityOutcomes("Done")]
public sealed class LapseActivity : IActivity
{
    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var reason = context.GetInput<string>("reason");
        await context.Host.LapseAsync(context.CertificationContext, reason).ConfigureAwait(false);
        context.JournalMessage = string.IsNullOrWhiteSpace(reason) ? "不予续期，称号届满失效" : $"不予续期：{reason}";
        context.Complete();
    }
}

[Activity("Certification.ChangeReview", DisplayName = "重大变化复核", Category = "认定", Kind = ActivityKind.Blocking,
    Description = "企业报告重大变化（更名、合并、重组、跨省迁移、设立境外分支）后，审核人员复核：保留称号或撤销称号。")]
[ActivityInput("dueDays", "Int32", Default = 30)]
[ActivityInput("formKey", "String", Default = "change-review")]
[ActivityInput("region", "String")]
[ActivityInput("assignee", "String")]
[ActivityOutput("result", "Object")]
[ActivityOutcomes("Kept", "Revoked")]
public sealed class ChangeReviewActivity : HumanTaskActivity
{
    protected override string Role => "reviewer";
    protected override string DefaultFormKey => "change-review";
    protected override IReadOnlyList<string> TaskOutcomes => ["Kept", "Revoked"];
    protected override string Title(ActivityExecutionContext context) => "重大变化复核";
}
