using Certification.Domain.Review;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Reviews;

/// <summary>
/// 择优推荐: the province decides every waiting little-giant recommendation of a batch at once, ranked by the
/// provincial expert score (ties: earlier submission first), within the batch's quota less those already recommended.
/// Each decision is its own commit through <see cref="CompleteReviewTask"/>, so a run cut short is simply repeated.
/// </summary>
[AllowedCallers(Roles.Reviewer)]
public sealed record RecommendWithinQuota(string BatchId, string Actor) : IRequest<QuotaRecommendation>;

public sealed class RecommendWithinQuotaHandler(CertificationDbContext db, IMediator mediator, CallerContext callers)
    : IRequestHandler<RecommendWithinQuota, QuotaRecommendation>
{
    private const string RecommendType = "Certification.Recommend";

    public async Task<QuotaRecommendation> Handle(RecommendWithinQuota request, CancellationToken ct)
    {
        var caller = callers.Current;
        if (caller.Is(Roles.Reviewer) && caller.ReviewStage != Roles.Stages.Preliminary)
            throw new ForbiddenException("按名额推荐由初审（推荐）环节的审核人员办理。");
        var scope = caller.SeesAll() ? "" : caller.RegionPrefix;
        var batch = await db.Batches.AsNoTracking().Where(b => b.RegionPrefix.StartsWith(scope)).FirstOrDefaultAsync(b => b.Id == request.BatchId, ct)
                    ?? throw new NotFoundException($"批次 {request.BatchId} 不存在");
        if (batch.RecommendationQuota is not { } quota)
            throw new ConflictException($"批次“{batch.Name}”未设置推荐名额（recommendationQuota），不能按名额推荐。");

        var applications = db.Applications.AsNoTracking().Where(a => a.BatchId == batch.Id);
        var recommendTasks = db.HumanTasks.AsNoTracking()
            .Where(t => t.ActivityType == RecommendType && applications.Any(a => a.Id == t.CorrelationId));
        var alreadyRecommended = await recommendTasks.CountAsync(t => t.Status == HumanTaskStatus.Completed && t.Outcome == "Recommended", ct);
        var waiting = await recommendTasks.Where(t => t.Status == HumanTaskStatus.Open)
            .Join(applications, t => t.CorrelationId, a => a.Id, (t, a) => new { TaskId = t.Id, a.Id, a.ExpertScore, a.SubmittedAt })
            .ToListAsync(ct);
        if (waiting.Count == 0) throw new ConflictException($"批次“{batch.Name}”没有等待推荐的申请。");

        var ranking = QuotaRecommender.Recommend(
            waiting.Select(w => new QuotaCandidate(w.Id, w.ExpertScore ?? 0m, new DateTimeOffset(w.SubmittedAt ?? DateTime.MaxValue.AddDays(-1), TimeSpan.Zero))),
            Math.Max(0, quota - alreadyRecommended));
        foreach (var rank in ranking.Rankings)
        {
            var taskId = waiting.First(w => w.Id == rank.ApplicationId).TaskId;
            await mediator.Send(new CompleteReviewTask(taskId, rank.Recommended ? "Recommended" : "NotRecommended",
                rank.Recommended ? $"按评审得分排名第 {rank.Rank} 位，在推荐名额内" : rank.Reason, request.Actor), ct);
        }
        return ranking;
    }
}
