using System.Text.Json.Nodes;
using Certification.Domain.Applications;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Reviews;

/// <summary>
/// An officer decides a review task (preliminary review, formal review, spot check, recommendation): the decision
/// and its reason are recorded, the application's status follows (a return opens it for correction), and the
/// workflow resumes with the outcome — all in one commit. Deciding a task twice answers 409 naming who decided it
/// and when; of two racing decisions one commits and the other answers 409.
/// </summary>
[AllowedCallers(Roles.Reviewer)]
public sealed record CompleteReviewTask(string TaskId, string? Outcome, string? Reason, string Actor) : IRequest<ReviewCompletion>;

public sealed record ReviewCompletion(
    string TaskId,
    string Outcome,
    string OutcomeLabel,
    string ApplicationId,
    string ApplicationStatus,
    string ApplicationStatusLabel,
    string? WorkflowStatus,
    IReadOnlyList<string> NextTaskIds);

public sealed class CompleteReviewTaskValidator : IRequestValidator<CompleteReviewTask>
{
    /// <summary>Outcomes the applicant must be told the reason for.</summary>
    public static readonly string[] NeedReason = ["Returned", "Rejected", "Failed", "NotRecommended"];

    public IEnumerable<FieldError> Validate(CompleteReviewTask request)
    {
        if (string.IsNullOrWhiteSpace(request.Outcome))
            yield return new FieldError("outcome", "请选择审核结果（outcome）");
        else if (NeedReason.Contains(request.Outcome.Trim(), StringComparer.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(request.Reason))
            yield return new FieldError("reason", $"审核结果为“{LifecycleText.Outcome(Canonical(request.Outcome))}”时必须填写理由，理由将告知申报企业");
        if (request.Reason is { Length: > 2000 })
            yield return new FieldError("reason", "理由不超过 2000 个字符");
    }

    private static string Canonical(string outcome) =>
        NeedReason.FirstOrDefault(o => string.Equals(o, outcome.Trim(), StringComparison.OrdinalIgnoreCase)) ?? outcome;
}

public sealed class CompleteReviewTaskHandler(
    CertificationDbContext db, WorkflowRuntime runtime, ActivityRegistry registry, TimeProvider clock, CallerContext callers)
    : IRequestHandler<CompleteReviewTask, ReviewCompletion>
{
    public async Task<ReviewCompletion> Handle(CompleteReviewTask request, CancellationToken ct)
    {
        // A reviewer reaches only the tasks of its region and stage; any other reads as unknown.
        // The task's application and instance come along in the same read, tracked: the decision changes the
        // application, and the instance is handed to the runtime, so that the task's spec and the resume do not read it again.
        var row = await (
                from t in db.HumanTasks.VisibleTo(callers.Current, db)
                where t.Id == request.TaskId
                join a in db.Applications on t.CorrelationId equals a.Id into applications
                from a in applications.DefaultIfEmpty()
                join i in db.WorkflowInstances on t.InstanceId equals i.Id into instances
                from i in instances.DefaultIfEmpty()
                select new { Task = t, Application = a, Instance = i })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"任务 {request.TaskId} 不存在");
        var task = row.Task;
        if (row.Instance is { } instance) db.HandOverInstance(instance);
        if (task.Status != HumanTaskStatus.Open) throw AlreadyDone(task);
        if (!LifecycleData.ReviewActivityTypes.Contains(task.ActivityType))
            throw new ConflictException(task.ActivityType switch
            {
                LifecycleData.ExpertScoringType => "专家评审任务在专家组全部提交评分后自动完成，不能直接审核。",
                LifecycleData.PublicityType => "公示任务在异议成立或公示期满时完成，请通过异议处理办理。",
                "Certification.AwaitSubmission" => "该任务等待企业提交申报材料，不能由审核人员完成。",
                "Certification.ConfirmReEvaluation" => "复核结果请通过复核确认办理（POST /api/re-evaluations/{id}/confirm）。",
                "Certification.ChangeReview" => "重大变化复核请通过变化报告处理办理（POST /api/change-reports/{id}/decide）。",
                _ => $"任务“{task.Title}”不是审核任务，不能在此完成。",
            });

        var spec = await db.OpenTaskSpecAsync(task, ct);
        var allowed = spec?.Outcomes is { Count: > 0 } fromSpec ? fromSpec : registry.Find(task.ActivityType)?.Descriptor.Outcomes ?? [];
        var outcome = allowed.FirstOrDefault(o => string.Equals(o, request.Outcome!.Trim(), StringComparison.OrdinalIgnoreCase))
                      ?? throw new RequestValidationException("outcome",
                          $"审核结果“{request.Outcome}”无效，可选：{string.Join("、", allowed.Select(o => $"{o}（{LifecycleText.Outcome(o)}）"))}");
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();

        var application = row.Application
                          ?? throw new NotFoundException($"任务 {task.Id} 对应的申请不存在");
        var now = clock.GetUtcNow().UtcDateTime;
        db.ReviewDecisions.Add(new ReviewDecision(application.Id, task.Title, outcome, reason, request.Actor, now));
        if (outcome == "Returned") application.ReturnForCorrection(reason!);

        var payload = new JsonObject { ["outcome"] = outcome };
        if (reason is not null) payload["reason"] = reason;
        var answer = await runtime.ResumeAsync(task.Id, payload, request.Actor, ct);
        if (!answer.Applied)
        {
            if (answer.Outcome == ResumeOutcome.InvalidPayload) throw new RequestValidationException("outcome", answer.Message ?? "审核结果无效");
            db.ChangeTracker.Clear();
            var now2 = await db.HumanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == task.Id, ct);
            throw now2 is { Status: not HumanTaskStatus.Open } ? AlreadyDone(now2) : new ConflictException(answer.Message ?? "该任务已不在等待处理中。");
        }

        return new ReviewCompletion(task.Id, outcome, LifecycleText.Outcome(outcome), application.Id, application.Status,
            ApplicationStatus.Label(application.Status), answer.Status, answer.TaskIds);
    }

    /// <summary>409 naming who completed the task, when, and how.</summary>
    internal static ConflictException AlreadyDone(HumanTaskRecord task) =>
        new(task.Status == HumanTaskStatus.Completed
            ? $"该任务已由 {LifecycleText.Actor(task.CompletedBy)} 于 {(task.CompletedAt is { } at ? LifecycleText.BeijingTime(at) : "此前")}（北京时间）处理，结果为“{LifecycleText.Outcome(task.Outcome)}”，不能重复提交。"
            : $"该任务已于 {(task.CompletedAt is { } at2 ? LifecycleText.BeijingTime(at2) : "此前")}（北京时间）随流程推进而关闭，不能再处理。");
}
