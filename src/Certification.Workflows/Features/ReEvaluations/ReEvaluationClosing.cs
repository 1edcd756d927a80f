using System.Text.Json.Nodes;
using Certification.Domain.Dynamic;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.ReEvaluations;

/// <summary>Closes the open re-evaluations of titles that were revoked (by RevokeTitle, or a change re-check).</summary>
internal static class ReEvaluationClosing
{
    /// <summary>
    /// Marks each open re-evaluation of the titles <c>Cancelled</c> and ends its workflow through its own lapse branch
    /// (the enterprise's data task as withdrawn, the officer's task as lapsed), so that no task stays open in anyone's
    /// inbox; the lapse changes nothing on a revoked title. Runs inside the caller's transaction.
    /// </summary>
    public static async Task CloseAsync(CertificationDbContext db, WorkflowRuntime runtime, IReadOnlyCollection<string> titleIds, string reason,
        string actor, DateTime now, CancellationToken ct)
    {
        var open = await db.ReEvaluations
            .Where(r => titleIds.Contains(r.TitleId)
                        && (r.Status == ReEvaluationStatus.AwaitingData || r.Status == ReEvaluationStatus.AwaitingConfirmation))
            .ToListAsync(ct);
        foreach (var review in open)
        {
            review.Cancel(reason, now);
            var task = await db.HumanTasks.AsNoTracking()
                .Where(t => t.InstanceId == review.WorkflowInstanceId && t.Status == HumanTaskStatus.Open)
                .OrderByDescending(t => t.CreatedAt)
                .FirstOrDefaultAsync(ct);
            if (task is null) continue;
            var outcome = task.ActivityType == "Certification.AwaitSubmission" ? "Withdrawn" : "Lapsed";
            var answer = await runtime.ResumeAsync(task.Id, new JsonObject { ["outcome"] = outcome, ["reason"] = reason }, actor, ct);
            if (!answer.Applied) throw new ConflictException("称号的复核流程在此期间有变化，本次操作未生效，请重试。");
        }
    }
}
