using Certification.Domain.Criteria;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Exports;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Statistics;

/// <summary>
/// Expert panel scores (the aggregated score of each application a panel scored) per tier, as a histogram of 10-point
/// buckets [0,10) … [90,100]; bucketed and counted in the database. <paramref name="Year"/> is the year the batch opened.
/// </summary>
[AllowedCallers(Roles.Admin, Roles.Regulator)]
public sealed record GetScoreDistribution(string? Region = null, string? Tier = null, int? Year = null) : IRequest<ScoreDistribution>;

public sealed record ScoreDistribution(string Region, string RegionName, IReadOnlyList<TierScores> Tiers)
{
    public IEnumerable<IReadOnlyList<string>> Lines()
    {
        yield return ["称号层级", "称号", "分数下限", "分数上限", "申请数"];
        foreach (var t in Tiers)
        foreach (var b in t.Buckets)
            yield return [t.Tier, t.TierName, TitleCounts.Text(b.From), TitleCounts.Text(b.To), TitleCounts.Text(b.Count)];
    }
}

public sealed record TierScores(string Tier, string TierName, int Scored, IReadOnlyList<ScoreBucket> Buckets);

/// <summary>Scores from <paramref name="From"/> (inclusive) to <paramref name="To"/> (exclusive; the last bucket includes 100).</summary>
public sealed record ScoreBucket(int From, int To, int Count);

public sealed class GetScoreDistributionValidator(CriteriaCatalog criteria) : IRequestValidator<GetScoreDistribution>
{
    public IEnumerable<FieldError> Validate(GetScoreDistribution request) =>
        ListFilterRules.Check(criteria, request.Tier, request.Region, request.Year);
}

public sealed class GetScoreDistributionHandler(CertificationDbContext db, CallerContext callers, CriteriaCatalog criteria)
    : IRequestHandler<GetScoreDistribution, ScoreDistribution>
{
    public async Task<ScoreDistribution> Handle(GetScoreDistribution request, CancellationToken ct)
    {
        var scope = StatisticsScope.Of(callers.Current, request.Region);
        var prefix = scope.RegionPrefix;
        var applications = db.Applications.AsNoTracking().Where(a => a.ExpertScore != null && a.RegionCode.StartsWith(prefix));
        if (!string.IsNullOrEmpty(request.Tier)) applications = applications.Where(a => a.Tier == request.Tier);
        if (request.Year is { } year)
        {
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            applications = applications.Where(a => db.Batches.Any(b => b.Id == a.BatchId && b.OpensOn >= first && b.OpensOn <= last));
        }
        // Comparisons only (no arithmetic on the score), which every provider translates for decimals, SQLite's text included.
        var counts = await applications
            .Select(a => new
            {
                a.Tier,
                Bucket = a.ExpertScore >= 90m ? 9 : a.ExpertScore >= 80m ? 8 : a.ExpertScore >= 70m ? 7 : a.ExpertScore >= 60m ? 6
                    : a.ExpertScore >= 50m ? 5 : a.ExpertScore >= 40m ? 4 : a.ExpertScore >= 30m ? 3 : a.ExpertScore >= 20m ? 2
                    : a.ExpertScore >= 10m ? 1 : 0,
            })
            .GroupBy(x => new { x.Tier, x.Bucket })
            .Select(g => new { g.Key.Tier, g.Key.Bucket, Count = g.Count() })
            .ToListAsync(ct);
        var tiers = counts.Select(c => c.Tier).Distinct().OrderBy(t => t, StringComparer.Ordinal)
            .Select(tier =>
            {
                var buckets = Enumerable.Range(0, 10)
                    .Select(i => new ScoreBucket(i * 10, i * 10 + 10, counts.Where(c => c.Tier == tier && c.Bucket == i).Sum(c => c.Count)))
                    .ToList();
                return new TierScores(tier, StatisticsScope.TierName(criteria, tier), buckets.Sum(b => b.Count), buckets);
            })
            .ToList();
        return new ScoreDistribution(prefix, StatisticsScope.RegionName(prefix), tiers);
    }
}
