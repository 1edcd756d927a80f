using Certification.Domain.Batches;

namespace Certification.Workflows.Features.Batches;

/// <summary>A batch as the API shows it; <see cref="IsOpen"/> is on today's Beijing date.</summary>
public sealed record BatchView(
    string Id,
    string Name,
    string Tier,
    string? TierName,
    string RegionPrefix,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    bool IsOpen,
    string CriteriaVersion,
    int PublicityWorkingDays,
    decimal SpotCheckShare,
    int? RecommendationQuota,
    DateTime CreatedAt)
{
    public static BatchView From(Batch b, DateOnly today, string? tierName) =>
        new(b.Id, b.Name, b.Tier, tierName, b.RegionPrefix, b.OpensOn, b.ClosesOn, b.IsOpenOn(today), b.CriteriaVersion,
            b.PublicityWorkingDays, b.SpotCheckShare, b.RecommendationQuota, b.CreatedAt);
}
