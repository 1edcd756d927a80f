using Certification.Domain.Applications;
using Certification.Domain.Criteria;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Exports;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Statistics;

/// <summary>
/// The funnel of each batch: how many submitted applications reached each stage (applied → preliminary → formal →
/// experts → publicity → certified), how many passed it (reached a later one), how many are still at it, and the pass
/// rate among those decided (passed ÷ (reached − pending)); the same summed per tier. A stage is reached when its review
/// task was opened for the application; the database computes each application's furthest stage and counts them
/// (GROUP BY), so the cost does not grow with rows in memory. Innovative applications have no expert stage (their
/// experts row stays 0 and is skipped for the pass rate of formal review).
/// </summary>
[AllowedCallers(Roles.Admin, Roles.Regulator)]
public sealed record GetBatchFunnels(string? Region = null, string? Tier = null, string? BatchId = null, int? Year = null) : IRequest<FunnelReport>;

public sealed record FunnelReport(string Region, string RegionName, IReadOnlyList<BatchFunnel> Batches, IReadOnlyList<TierFunnel> Tiers)
{
    public IEnumerable<IReadOnlyList<string>> Lines()
    {
        yield return ["批次编号", "批次", "称号层级", "阶段", "阶段名称", "到达", "通过", "在办", "通过率"];
        foreach (var b in Batches)
        foreach (var s in b.Stages)
            yield return [b.BatchId, b.BatchName, b.Tier, s.Stage, s.Label, TitleCounts.Text(s.Reached), TitleCounts.Text(s.Passed),
                TitleCounts.Text(s.Pending), s.PassRate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""];
    }
}

public sealed record BatchFunnel(string BatchId, string BatchName, string Tier, string TierName, DateOnly OpensOn, IReadOnlyList<FunnelStage> Stages);

public sealed record TierFunnel(string Tier, string TierName, IReadOnlyList<FunnelStage> Stages);

/// <param name="Passed">Reached a later stage (for certified: the same as reached).</param>
/// <param name="Pending">Still at this stage (open application that has not gone further).</param>
/// <param name="PassRate">Passed ÷ (reached − pending), 4 decimal places; null when none is decided.</param>
public sealed record FunnelStage(string Stage, string Label, int Reached, int Passed, int Pending, decimal? PassRate);

public sealed class GetBatchFunnelsValidator(CriteriaCatalog criteria) : IRequestValidator<GetBatchFunnels>
{
    public IEnumerable<FieldError> Validate(GetBatchFunnels request)
    {
        foreach (var e in ListFilterRules.Check(criteria, request.Tier, request.Region, request.Year)) yield return e;
        if (request.BatchId is { Length: > 64 }) yield return new FieldError("batch", "批次编号无效");
    }
}

public sealed class GetBatchFunnelsHandler(CertificationDbContext db, CallerContext callers, CriteriaCatalog criteria)
    : IRequestHandler<GetBatchFunnels, FunnelReport>
{
    /// <summary>The stages in order; index + 1 is the "furthest" number the query computes.</summary>
    public static readonly (string Stage, string Label)[] Stages =
    [
        ("applied", "申报"), ("preliminary", "初审"), ("formal", "审核"), ("experts", "专家评审"), ("publicity", "公示"), ("certified", "认定"),
    ];

    private const string Preliminary = "Certification.PreliminaryReview";
    private const string Formal = "Certification.FormalReview";
    private const string Experts = "Certification.ExpertScoring";
    private const string Publicity = "Certification.Publicity";

    public async Task<FunnelReport> Handle(GetBatchFunnels request, CancellationToken ct)
    {
        var scope = StatisticsScope.Of(callers.Current, request.Region);
        var prefix = scope.RegionPrefix;
        var batches = db.Batches.AsNoTracking().AsQueryable();
        if (!string.IsNullOrEmpty(request.Tier)) batches = batches.Where(b => b.Tier == request.Tier);
        if (!string.IsNullOrEmpty(request.BatchId)) batches = batches.Where(b => b.Id == request.BatchId);
        if (request.Year is { } year)
        {
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            batches = batches.Where(b => b.OpensOn >= first && b.OpensOn <= last);
        }

        var tasks = db.HumanTasks.AsNoTracking();
        var perApplication =
            from a in db.Applications.AsNoTracking()
            where a.SubmittedAt != null && a.RegionCode.StartsWith(prefix) && batches.Any(b => b.Id == a.BatchId)
            select new
            {
                a.BatchId,
                Furthest = a.Status == ApplicationStatus.Certified ? 6
                    : tasks.Any(t => t.CorrelationId == a.Id && t.ActivityType == Publicity) ? 5
                    : tasks.Any(t => t.CorrelationId == a.Id && t.ActivityType == Experts) ? 4
                    : tasks.Any(t => t.CorrelationId == a.Id && t.ActivityType == Formal) ? 3
                    : tasks.Any(t => t.CorrelationId == a.Id && t.ActivityType == Preliminary) ? 2
                    : 1,
                Open = a.Status != ApplicationStatus.Certified && a.Status != ApplicationStatus.Rejected && a.Status != ApplicationStatus.Withdrawn,
            };
        var counts = await perApplication
            .GroupBy(x => new { x.BatchId, x.Furthest, x.Open })
            .Select(g => new { g.Key.BatchId, g.Key.Furthest, g.Key.Open, Count = g.Count() })
            .ToListAsync(ct);
        var ids = counts.Select(c => c.BatchId).Distinct().ToList();
        var names = await db.Batches.AsNoTracking().Where(b => ids.Contains(b.Id))
            .Select(b => new { b.Id, b.Name, b.Tier, b.OpensOn }).ToListAsync(ct);

        var funnels = names
            .OrderBy(b => b.OpensOn).ThenBy(b => b.Name, StringComparer.Ordinal)
            .Select(b => new BatchFunnel(b.Id, b.Name, b.Tier, StatisticsScope.TierName(criteria, b.Tier), b.OpensOn,
                Funnel(b.Tier, counts.Where(c => c.BatchId == b.Id).Select(c => (c.Furthest, c.Open, c.Count)))))
            .ToList();
        var tiers = names.Select(b => b.Tier).Distinct().OrderBy(t => t, StringComparer.Ordinal)
            .Select(tier => new TierFunnel(tier, StatisticsScope.TierName(criteria, tier), Funnel(tier,
                counts.Where(c => names.Any(b => b.Id == c.BatchId && b.Tier == tier)).Select(c => (c.Furthest, c.Open, c.Count)))))
            .ToList();
        return new FunnelReport(prefix, StatisticsScope.RegionName(prefix), funnels, tiers);
    }

    /// <param name="counts">Applications by furthest stage reached (1-based) and whether still open.</param>
    public static IReadOnlyList<FunnelStage> Funnel(string tier, IEnumerable<(int Furthest, bool Open, int Count)> counts)
    {
        var list = counts.ToList();
        var hasExperts = tier != "innovative";
        var result = new List<FunnelStage>();
        for (var stage = 1; stage <= Stages.Length; stage++)
        {
            if (stage == 4 && !hasExperts)
            {
                result.Add(new FunnelStage(Stages[3].Stage, Stages[3].Label, 0, 0, 0, null));
                continue;
            }
            var reached = list.Where(c => c.Furthest >= stage).Sum(c => c.Count);
            var next = stage == 3 && !hasExperts ? 5 : stage + 1;
            var passed = stage == Stages.Length ? reached : list.Where(c => c.Furthest >= next).Sum(c => c.Count);
            var pending = stage == Stages.Length ? 0 : list.Where(c => c.Furthest == stage && c.Open).Sum(c => c.Count);
            result.Add(new FunnelStage(Stages[stage - 1].Stage, Stages[stage - 1].Label, reached, passed, pending,
                StatisticsScope.Rate(passed, reached - pending)));
        }
        return result;
    }
}
