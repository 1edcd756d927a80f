namespace Certification.Api.Charts;

/// <summary>One coloured series of a bar chart (a tier, say): one count per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<long> Values);

/// <summary>
/// Counts per category (a province, a year, a month), split into series that are stacked in one bar per category.
/// <see cref="Unit"/> follows the numbers in labels ("家", "项").
/// </summary>
public sealed record BarChartModel(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, string Unit = "")
{
    public long TotalOf(int category) => Series.Sum(s => category < s.Values.Count ? Math.Max(0, s.Values[category]) : 0);

    public long ValueOf(int series, int category) =>
        category < Series[series].Values.Count ? Math.Max(0, Series[series].Values[category]) : 0;

    public bool IsEmpty => Categories.Count == 0 || Enumerable.Range(0, Categories.Count).All(c => TotalOf(c) == 0);
}

/// <summary>One step of a funnel: how many applications reached it.</summary>
public sealed record FunnelStage(string Label, long Count);

/// <summary>Applications of a batch through its steps, from submitted to certified.</summary>
public sealed record FunnelModel(string Title, IReadOnlyList<FunnelStage> Stages, string Unit = "")
{
    /// <summary>Share of the previous step that reached this one, in whole percent; null for the first step or after an empty one.</summary>
    public decimal? ShareOfPrevious(int stage) =>
        stage == 0 || Stages[stage - 1].Count <= 0 ? null : Math.Round(100m * Stages[stage].Count / Stages[stage - 1].Count, 1);

    /// <summary>Share of the first step, in percent.</summary>
    public decimal? ShareOfFirst(int stage) =>
        Stages.Count == 0 || Stages[0].Count <= 0 ? null : Math.Round(100m * Stages[stage].Count / Stages[0].Count, 1);
}
