namespace Certification.Domain.Review;

/// <param name="Score">The panel's aggregated score, unrounded.</param>
public sealed record QuotaCandidate(string ApplicationId, decimal Score, DateTimeOffset SubmittedAt);

/// <param name="Rank">1-based position; unique, since every tie is broken.</param>
public sealed record QuotaRanking(QuotaCandidate Candidate, int Rank, bool Recommended, string Reason)
{
    public string ApplicationId => Candidate.ApplicationId;
}

public sealed record QuotaRecommendation(int Quota, IReadOnlyList<QuotaRanking> Rankings)
{
    public IReadOnlyList<string> Recommended => Rankings.Where(r => r.Recommended).Select(r => r.ApplicationId).ToArray();

    public IReadOnlyList<string> NotRecommended => Rankings.Where(r => !r.Recommended).Select(r => r.ApplicationId).ToArray();
}

/// <summary>
/// A province recommends little-giant candidates to MIIT within its quota: by aggregated score, highest
/// first; on equal scores the earlier submission first (the rule applicants can know in advance), then
/// the application id so the order is total and never depends on input order.
/// </summary>
public static class QuotaRecommender
{
    public static QuotaRecommendation Recommend(IEnumerable<QuotaCandidate> candidates, int quota)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(quota);
        var list = candidates.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in list)
        {
            ArgumentNullException.ThrowIfNull(candidate, nameof(candidates));
            ArgumentException.ThrowIfNullOrWhiteSpace(candidate.ApplicationId, nameof(candidates));
            if (!seen.Add(candidate.ApplicationId))
            {
                throw new ArgumentException($"Application '{candidate.ApplicationId}' appears more than once.", nameof(candidates));
            }
        }

        var rankings = list
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.SubmittedAt)
            .ThenBy(c => c.ApplicationId, StringComparer.Ordinal)
            .Select((c, i) =>
            {
                var rank = i + 1;
                var recommended = rank <= quota;
                var reason = recommended
                    ? $"排名第 {rank} 位，在推荐名额 {quota} 个以内"
                    : $"排名第 {rank} 位，超出推荐名额 {quota} 个";
                return new QuotaRanking(c, rank, recommended, reason);
            })
            .ToArray();

        return new QuotaRecommendation(quota, rankings);
    }
}
