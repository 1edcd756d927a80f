using Certification.Domain.Criteria;
using Certification.Domain.Dynamic;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.ReEvaluations;

/// <summary>
/// An officer (a formal-stage reviewer of the region, or an administrator) confirms a re-evaluation: Renewed (a new
/// title of the same tier for 3 years), Downgraded (a title of the lower tier the data meets, 3 years) or Lapsed (the
/// title stays valid to its end date, then lapses). The outcome must be the proposal or Lapsed; overriding the
/// proposal needs a reason. The decision and the workflow's step (new title, or the lapse) commit together.
/// </summary>
[AllowedCallers(Roles.Reviewer, Roles.Admin)]
public sealed record ConfirmReEvaluation(string ReEvaluationId, string? Outcome, string? Reason, string Actor) : IRequest<ReEvaluationView>;

public sealed class ConfirmReEvaluationValidator : IRequestValidator<ConfirmReEvaluation>
{
    public IEnumerable<FieldError> Validate(ConfirmReEvaluation request)
    {
        if (string.IsNullOrWhiteSpace(request.Outcome))
            yield return new FieldError("outcome", "请选择复核结果（outcome）：Renewed（续期）、Downgraded（降级）或 Lapsed（不予续期）");
        else if (request.Outcome.Trim() is not (TitleCheck.Renewed or TitleCheck.Downgraded or TitleCheck.Lapsed))
            yield return new FieldError("outcome", $"复核结果“{request.Outcome}”无效，可选：Renewed、Downgraded、Lapsed");
        if (request.Reason is { Length: > 2000 }) yield return new FieldError("reason", "理由不超过 2000 个字符");
    }
}

public sealed class ConfirmReEvaluationHandler(
    CertificationDbContext db, WorkflowRuntime runtime, CriteriaCatalog catalog, TimeProvider clock, CallerContext callers)
    : IRequestHandler<ConfirmReEvaluation, ReEvaluationView>
{
    public async Task<ReEvaluationView> Handle(ConfirmReEvaluation request, CancellationToken ct)
    {
        callers.Current.EnsureFormalStageOfficer("复核结果确认");
        var review = await db.ReEvaluations.VisibleTo(callers.Current).FirstOrDefaultAsync(r => r.Id == request.ReEvaluationId, ct)
                     ?? throw new NotFoundException($"复核 {request.ReEvaluationId} 不存在");
        if (review.Status != ReEvaluationStatus.AwaitingConfirmation)
            throw new ConflictException($"复核当前状态为“{ReEvaluationStatus.Label(review.Status)}”，不能确认结果。");
        if (await db.Titles.AsNoTracking().Where(t => t.Id == review.TitleId).Select(t => t.Status).FirstOrDefaultAsync(ct) != TitleStatus.Valid)
            throw new ConflictException("该称号已不再有效（已撤销或已换发），不能确认复核结果。");
        var outcome = request.Outcome!.Trim();
        var allowed = ReEvaluationViews.AllowedOutcomes(review);
        if (!allowed.Contains(outcome))
            throw new RequestValidationException("outcome",
                $"按现行标准复核的建议结果为“{review.ProposedOutcome}”，只能确认该结果或不予续期（可选：{string.Join("、", allowed)}）");
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (outcome != review.ProposedOutcome && reason is null)
            throw new RequestValidationException("reason", "确认结果与建议结果不同，必须填写理由");
        review.Decide(outcome, outcome == TitleCheck.Lapsed ? null : review.ProposedTier, reason, request.Actor, clock.GetUtcNow().UtcDateTime);
        await OfficerDecision.ResumeAsync(db, runtime, review.WorkflowInstanceId, "Certification.ConfirmReEvaluation", outcome, reason, request.Actor,
            "复核结果确认", ct);
        return (await ReEvaluationViews.BuildAsync(db, catalog, [review], detail: true, ct))[0];
    }
}
