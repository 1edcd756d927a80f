using Certification.Domain.Criteria;
using Certification.Workflows.Mediation;

namespace Certification.Workflows.Features.Exports;

/// <summary>The filters lists and statistics share (tier, region prefix, year), checked the same way everywhere.</summary>
public static class ListFilterRules
{
    public static IEnumerable<FieldError> Check(CriteriaCatalog criteria, string? tier, string? region, int? year, string yearField = "year")
    {
        if (tier is { Length: > 0 } && criteria.Default.FindTier(tier) is null)
            yield return new FieldError("tier", $"未知的称号层级“{tier}”，可用：{string.Join("、", criteria.Default.Tiers.Select(t => t.Code))}");
        if (region is { Length: > 0 } && (region.Length is not (2 or 4 or 6) || !region.All(char.IsAsciiDigit)))
            yield return new FieldError("region", "地区须为 2 位（省）、4 位（市）或 6 位（县）行政区划代码");
        if (year is < 2000 or > 2100) yield return new FieldError(yearField, "年份须在 2000–2100 之间");
    }
}
