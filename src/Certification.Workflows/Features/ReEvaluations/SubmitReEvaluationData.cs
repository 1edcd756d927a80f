using System.Text.Json.Nodes;
using Certification.Domain.Criteria;
using Certification.Domain.Dynamic;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.ReEvaluations;

/// <summary>
/// The enterprise submits its data for re-evaluation: its working profile (update it first, e.g. with the annual
/// update or PUT profile) is frozen into the re-evaluation, and the workflow evaluates it under the criteria version
/// in force and asks an officer to confirm — all in one commit. 409 unless the re-evaluation awaits data.
/// </summary>
[AllowedCallers(Roles.Enterprise)]
public sealed record SubmitReEvaluationData(string ReEvaluationId, string Actor) : IRequest<ReEvaluationView>;

public sealed class SubmitReEvaluationDataHandler(
    CertificationDbContext db, WorkflowRuntime runtime, CriteriaCatalog catalog, TimeProvider clock, CallerContext callers)
    : IRequestHandler<SubmitReEvaluationData, ReEvaluationView>
{
    public async Task<ReEvaluationView> Handle(SubmitReEvaluationData request, CancellationToken ct)
    {
        var review = await db.ReEvaluations.VisibleTo(callers.Current).FirstOrDefaultAsync(r => r.Id == request.ReEvaluationId, ct)
                     ?? throw new NotFoundException($"复核 {request.ReEvaluationId} 不存在");
        if (review.Status != ReEvaluationStatus.AwaitingData)
            throw new ConflictException($"复核当前状态为“{ReEvaluationStatus.Label(review.Status)}”，不能再提交数据。");
        var task = await OpenTaskAsync(db, review.WorkflowInstanceId, "Certification.AwaitSubmission", ct)
                   ?? throw new ConflictException("复核流程当前不在等待企业提交数据的环节，请刷新后查看。");
        var enterprise = await db.Enterprises.AsNoTracking().FirstAsync(e => e.Id == review.EnterpriseId, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        review.Submit(enterprise.ProfileJson, request.Actor, clock.GetUtcNow().UtcDateTime);
        var answer = await runtime.ResumeAsync(task.Id, new JsonObject { ["outcome"] = "Submitted" }, request.Actor, ct);
        if (!answer.Applied) throw new ConflictException($"复核流程未能接受提交：{answer.Message}");
        await transaction.CommitAsync(ct);
        return (await ReEvaluationViews.BuildAsync(db, catalog, [review], detail: true, ct))[0];
    }

    /// <summary>The open task of an activity type in a workflow instance.</summary>
    internal static Task<HumanTaskRecord?> OpenTaskAsync(CertificationDbContext db, string? instanceId, string activityType, CancellationToken ct) =>
        db.HumanTasks.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.ActivityType == activityType && t.Status == HumanTaskStatus.Open)
            .OrderByDescending(t => t.CreatedAt)
            .FirstOrDefaultAsync(ct);
}
