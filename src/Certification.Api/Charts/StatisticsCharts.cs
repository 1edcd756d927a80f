using Certification.Workflows.Features.Statistics;

namespace Certification.Api.Charts;

/// <summary>The statistics features' answers shaped into charts: one bar per region, year or month, stacked by tier.</summary>
public static class StatisticsCharts
{
    /// <summary>Tiers from the first rung of the ladder up, whatever order the rows come in.</summary>
    private static readonly string[] TierOrder = ["innovative", "specialized", "little-giant"];

    /// <summary>Titles issued per region (one level below the scope), stacked by tier.</summary>
    public static BarChartModel TitlesByRegion(TitleCounts counts) =>
        Stacked($"{counts.RegionName}各地区认定数量", counts.Rows, r => r.RegionCode, r => r.RegionName, r => r.Tier, r => r.TierName, r => r.Issued, "家");

    /// <summary>Titles issued per year, stacked by tier.</summary>
    public static BarChartModel TitlesByYear(TitleCounts counts) =>
        Stacked($"{counts.RegionName}历年认定数量", counts.Rows, r => r.Year.ToString("D4"), r => $"{r.Year} 年", r => r.Tier, r => r.TierName, r => r.Issued, "家");

    /// <summary>Valid titles whose term ends in each coming month, stacked by tier.</summary>
    public static BarChartModel ExpiringByMonth(ExpiringTitles expiring) =>
        Stacked($"{expiring.RegionName}即将到期的称号（{expiring.From:yyyy-MM-dd} 至 {expiring.To:yyyy-MM-dd}）", expiring.Rows,
            r => r.Month, r => r.Month.Replace("-", " 年 ") + " 月", r => r.Tier, r => r.TierName, r => r.Count, "项");

    /// <summary>
    /// A batch's funnel: applications that reached each stage. A stage no application of the tier goes through (the
    /// expert stage of innovative batches) is left out rather than drawn as a drop to zero.
    /// </summary>
    public static FunnelModel Funnel(string title, IReadOnlyList<Workflows.Features.Statistics.FunnelStage> stages, string tier)
    {
        var shown = stages.Where(s => !(tier == "innovative" && s.Stage == "experts")).ToList();
        return new FunnelModel(title, shown.Select(s => new FunnelStage(s.Label, s.Reached)).ToList(), "件");
    }

    private static BarChartModel Stacked<T>(string title, IReadOnlyList<T> rows, Func<T, string> categoryKey, Func<T, string> categoryName,
        Func<T, string> tier, Func<T, string> tierName, Func<T, int> count, string unit)
    {
        var categories = rows.GroupBy(categoryKey).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Name: categoryName(g.First()))).ToList();
        var tiers = rows.GroupBy(tier)
            .OrderBy(g => Array.IndexOf(TierOrder, g.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Name: tierName(g.First()))).ToList();
        var series = tiers.Select(t => new ChartSeries(t.Name, categories
            .Select(c => (long)rows.Where(r => tier(r) == t.Key && categoryKey(r) == c.Key).Sum(count)).ToList())).ToList();
        return new BarChartModel(title, categories.Select(c => c.Name).ToList(), series, unit);
    }
}
