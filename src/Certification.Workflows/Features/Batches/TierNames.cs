using Certification.Domain.Criteria;

namespace Certification.Workflows.Features.Batches;

/// <summary>Chinese tier names from the criteria data (the version given, else the default one).</summary>
internal static class TierNames
{
    public static string? Of(CriteriaCatalog catalog, string? criteriaVersion, string tier) =>
        (criteriaVersion is not null && catalog.TryGet(criteriaVersion, out var set) ? set.FindTier(tier)?.Name : null)
        ?? (catalog.TryGet(CriteriaCatalog.DefaultVersion, out var fallback) ? fallback.FindTier(tier)?.Name : null);
}
