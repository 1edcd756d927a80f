using System.Text.Json.Nodes;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;

namespace Certification.Workflows.Features.ReEvaluations;

/// <summary>
/// An officer's decision on the human task a dynamic-management workflow waits on (a re-evaluation's confirmation, a
/// change re-check): the workflow resumes with <c>{outcome, reason}</c> in the caller's commit. 409 when the workflow
/// does not wait on that step (decided, closed), or when another officer resumed it first: nothing is then saved.
/// </summary>
internal static class OfficerDecision
{
    /// <param name="step">The step in Chinese, for the messages (e.g. 复核结果确认).</param>
    public static async Task ResumeAsync(CertificationDbContext db, WorkflowRuntime runtime, string? instanceId, string activityType,
        string outcome, string? reason, string actor, string step, CancellationToken ct)
    {
        var task = await SubmitReEvaluationDataHandler.OpenTaskAsync(db, instanceId, activityType, ct)
                   ?? throw new ConflictException($"流程当前不在等待{step}的环节，请刷新后查看。");
        var payload = new JsonObject { ["outcome"] = outcome };
        if (reason is not null) payload["reason"] = reason;
        var answer = await runtime.ResumeAsync(task.Id, payload, actor, ct);
        if (!answer.Applied) throw new ConflictException($"{step}已在此期间由他人办理，本次办理未生效：{answer.Message}");
    }
}
