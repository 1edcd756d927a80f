using Certification.Domain.Criteria;
using Certification.Domain.Regions;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;

namespace Certification.Workflows.Features.Statistics;

/// <summary>
/// Where a statistic looks: the requested region prefix narrowed to the caller's (a regulator of 33 asking for the
/// nation gets Zhejiang; asking for 44 is a 403), and the level figures are broken down by — one level below the
/// scope: provinces for the nation, cities for a province, counties for a city.
/// </summary>
public sealed record StatisticsScope(string RegionPrefix, int BreakdownLength)
{
    public static StatisticsScope Of(Caller caller, string? requested)
    {
        var region = caller.NarrowRegion(requested)
                     ?? throw new ForbiddenException($"地区 {requested} 超出本账号的地区范围（{caller.RegionPrefix}）。");
        return new StatisticsScope(region, Math.Min(region.Length + 2, 6));
    }

    public static string RegionName(string code) => code.Length == 0 ? "全国" : Provinces.Describe(code);

    public static string TierName(CriteriaCatalog criteria, string tier) => criteria.Default.FindTier(tier)?.Name ?? tier;

    /// <summary>A share as a decimal with 4 places (0.8125), null when there is nothing to divide by.</summary>
    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}
