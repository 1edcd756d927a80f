using System.Globalization;
using System.Xml.Linq;
using Certification.Api.Diagrams;

namespace Certification.Api.Charts;

/// <summary>
/// Server-rendered charts for the statistics pages, self-contained SVG (presentation attributes only; the pages'
/// Content-Security-Policy allows no inline style or script). Made to be read at a glance: every bar carries its
/// number, colours come from a palette that colour-blind readers can tell apart and are named in a legend, and each
/// chart has a title and a text summary for screen readers (the pages add the numbers as a table too).
/// </summary>
public static class ChartSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Okabe–Ito colours, with the ink that reads on each.</summary>
    public static readonly IReadOnlyList<(string Fill, string Ink)> Palette =
    [
        ("#0072B2", "#ffffff"), ("#E69F00", "#1f2933"), ("#009E73", "#ffffff"), ("#CC79A7", "#1f2933"),
        ("#56B4E9", "#1f2933"), ("#D55E00", "#ffffff"), ("#F0E442", "#1f2933"), ("#7f8c8d", "#ffffff"),
    ];

    public const double Width = 760;
    private const double RowHeight = 30, BarHeight = 20, LegendHeight = 28, AxisHeight = 26, Pad = 12;
    private const string Ink = "#1f2933", Muted = "#52606d", Grid = "#d9e2ec";
    private const string Font = "system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

    /// <summary>
    /// Horizontal bars, one per category, each stacked from its series in legend order, with the total after the bar
    /// and a segment's own number inside it when it fits. Horizontal, so that long region names stay readable.
    /// </summary>
    public static string BarChart(BarChartModel chart, string idPrefix) => BuildBarChart(chart, idPrefix).ToString(SaveOptions.DisableFormatting);

    public static XElement BuildBarChart(BarChartModel chart, string idPrefix)
    {
        var labelWidth = Math.Clamp(chart.Categories.Select(c => TextFit.Width(c, 13)).DefaultIfEmpty(40).Max() + 8, 48, 190);
        var totals = Enumerable.Range(0, chart.Categories.Count).Select(chart.TotalOf).ToList();
        var max = NiceMax(totals.DefaultIfEmpty(0).Max());
        var plotX = Pad + labelWidth;
        var plotWidth = Width - plotX - Pad - 56; // room for the total after the longest bar
        var top = Pad + LegendHeight;
        var height = top + Math.Max(1, chart.Categories.Count) * RowHeight + AxisHeight + Pad;

        var svg = Root(idPrefix, chart.Title, BarSummary(chart, totals), height);
        svg.Add(Legend(chart.Series.Select(s => s.Name).ToList(), Pad, Pad + 12));

        var grid = new XElement(Svg + "g", new XAttribute("class", "axis"), new XAttribute("font-size", "11"), new XAttribute("fill", Muted));
        foreach (var tick in Ticks(max))
        {
            var x = plotX + plotWidth * tick / (double)max;
            grid.Add(new XElement(Svg + "line", A("x1", x), A("x2", x), A("y1", top - 4), A("y2", top + chart.Categories.Count * RowHeight),
                new XAttribute("stroke", Grid), new XAttribute("stroke-width", "1")));
            grid.Add(new XElement(Svg + "text", A("x", x), A("y", top + chart.Categories.Count * RowHeight + 16),
                new XAttribute("text-anchor", "middle"), Count(tick)));
        }
        svg.Add(grid);

        var bars = new XElement(Svg + "g", new XAttribute("class", "bars"), new XAttribute("font-size", "12"));
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            var rowY = top + c * RowHeight;
            var barY = rowY + (RowHeight - BarHeight) / 2;
            var row = new XElement(Svg + "g", new XAttribute("class", "bar"), new XAttribute("data-category", chart.Categories[c]),
                new XAttribute("data-total", totals[c].ToString(CultureInfo.InvariantCulture)),
                new XElement(Svg + "text", new XAttribute("class", "category"), A("x", plotX - 8), A("y", barY + BarHeight / 2 + 4),
                    new XAttribute("text-anchor", "end"), new XAttribute("font-size", "13"), new XAttribute("fill", Ink),
                    TextFit.Truncate(chart.Categories[c], labelWidth - 8, 13)));
            var x = plotX;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var value = chart.ValueOf(s, c);
                if (value == 0) continue;
                var w = plotWidth * value / (double)max;
                var (fill, ink) = Palette[s % Palette.Count];
                var text = $"{chart.Categories[c]} · {chart.Series[s].Name}：{Count(value)}{chart.Unit}";
                row.Add(new XElement(Svg + "rect", new XAttribute("class", "segment"), new XAttribute("data-series", chart.Series[s].Name),
                    new XAttribute("data-value", value.ToString(CultureInfo.InvariantCulture)),
                    A("x", x), A("y", barY), A("width", w), A("height", BarHeight), new XAttribute("fill", fill),
                    new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "1"),
                    new XElement(Svg + "title", text)));
                var label = Count(value);
                if (TextFit.Width(label, 12) + 6 <= w)
                    row.Add(new XElement(Svg + "text", new XAttribute("class", "segment-value"), A("x", x + w / 2), A("y", barY + BarHeight / 2 + 4),
                        new XAttribute("text-anchor", "middle"), new XAttribute("fill", ink), new XAttribute("aria-hidden", "true"), label));
                x += w;
            }
            row.Add(new XElement(Svg + "text", new XAttribute("class", "total"), A("x", x + 6), A("y", barY + BarHeight / 2 + 4),
                new XAttribute("fill", Ink), new XAttribute("font-weight", "600"), Count(totals[c]) + chart.Unit));
            bars.Add(row);
        }
        if (chart.IsEmpty)
            bars.Add(new XElement(Svg + "text", new XAttribute("class", "empty"), A("x", Width / 2), A("y", top + RowHeight / 2 + 4),
                new XAttribute("text-anchor", "middle"), new XAttribute("fill", Muted), "暂无数据"));
        svg.Add(bars);
        return svg;
    }

    /// <summary>
    /// A funnel: one centred bar per step, as wide as its count, with the count, the share of the previous step and
    /// of the first written beside it, so where applications drop out is visible at once.
    /// </summary>
    public static string Funnel(FunnelModel funnel, string idPrefix) => BuildFunnel(funnel, idPrefix).ToString(SaveOptions.DisableFormatting);

    public static XElement BuildFunnel(FunnelModel funnel, string idPrefix)
    {
        const double labelWidth = 130, noteWidth = 190, stepHeight = 36, barHeight = 26;
        var first = funnel.Stages.Select(s => s.Count).DefaultIfEmpty(0).Max();
        var plotX = Pad + labelWidth;
        var plotWidth = Width - plotX - noteWidth - Pad;
        var centre = plotX + plotWidth / 2;
        var height = Pad * 2 + Math.Max(1, funnel.Stages.Count) * stepHeight;
        var svg = Root(idPrefix, funnel.Title, FunnelSummary(funnel), height);

        var steps = new XElement(Svg + "g", new XAttribute("class", "stages"), new XAttribute("font-size", "12"));
        for (var i = 0; i < funnel.Stages.Count; i++)
        {
            var stage = funnel.Stages[i];
            var y = Pad + i * stepHeight + (stepHeight - barHeight) / 2;
            var w = first <= 0 ? 0 : Math.Max(2, plotWidth * Math.Max(0, stage.Count) / (double)first);
            var previous = funnel.ShareOfPrevious(i);
            var note = previous is null ? $"{Count(stage.Count)}{funnel.Unit}" : $"{Count(stage.Count)}{funnel.Unit}（上一步的 {Percent(previous.Value)}）";
            var (fill, ink) = Palette[0];
            var group = new XElement(Svg + "g", new XAttribute("class", "stage"), new XAttribute("data-stage", stage.Label),
                new XAttribute("data-count", stage.Count.ToString(CultureInfo.InvariantCulture)),
                new XElement(Svg + "title", $"{stage.Label}：{note}" + (funnel.ShareOfFirst(i) is { } all && i > 0 ? $"，占首步 {Percent(all)}" : "")),
                new XElement(Svg + "text", new XAttribute("class", "stage-label"), A("x", plotX - 8), A("y", y + barHeight / 2 + 4),
                    new XAttribute("text-anchor", "end"), new XAttribute("font-size", "13"), new XAttribute("fill", Ink),
                    TextFit.Truncate(stage.Label, labelWidth - 8, 13)),
                new XElement(Svg + "rect", A("x", centre - w / 2), A("y", y), A("width", w), A("height", barHeight), new XAttribute("rx", "3"),
                    new XAttribute("fill", fill), new XAttribute("fill-opacity", N(1 - 0.5 * i / Math.Max(1, funnel.Stages.Count - 1)))),
                new XElement(Svg + "text", new XAttribute("class", "stage-note"), A("x", plotX + plotWidth + 8), A("y", y + barHeight / 2 + 4),
                    new XAttribute("fill", Ink), note));
            if (w >= TextFit.Width(Count(stage.Count), 12) + 8)
                group.Add(new XElement(Svg + "text", A("x", centre), A("y", y + barHeight / 2 + 4), new XAttribute("text-anchor", "middle"),
                    new XAttribute("fill", i * 2 < funnel.Stages.Count ? ink : Ink), new XAttribute("font-weight", "600"), new XAttribute("aria-hidden", "true"),
                    Count(stage.Count)));
            steps.Add(group);
        }
        if (first <= 0)
            steps.Add(new XElement(Svg + "text", new XAttribute("class", "empty"), A("x", Width / 2), A("y", Pad + stepHeight / 2 + 4),
                new XAttribute("text-anchor", "middle"), new XAttribute("fill", Muted), "暂无申报"));
        svg.Add(steps);
        return svg;
    }

    /// <summary>The smallest of 1, 2, 3, 4, 5, 6, 8 × 10ⁿ at or above the largest value: a round end that wastes little width.</summary>
    public static long NiceMax(long value)
    {
        if (value <= 0) return 1;
        var magnitude = 1L;
        while (magnitude * 10 <= value) magnitude *= 10;
        foreach (var step in new[] { 1, 2, 3, 4, 5, 6, 8, 10 })
            if (step * magnitude >= value) return step * magnitude;
        return 10 * magnitude;
    }

    /// <summary>Zero to the maximum in round steps (1, 2 or 5 × 10ⁿ), three to six of them.</summary>
    public static IReadOnlyList<long> Ticks(long max)
    {
        var step = 1L;
        for (var magnitude = 1L; ; magnitude *= 10)
        {
            var found = new[] { 1, 2, 5 }.Select(f => f * magnitude).FirstOrDefault(s => max % s == 0 && max / s <= 6);
            if (found > 0) { step = found; break; }
            if (magnitude > max) break;
        }
        var ticks = new List<long>();
        for (var t = 0L; t <= max; t += step) ticks.Add(t);
        if (ticks[^1] != max) ticks.Add(max);
        return ticks;
    }

    private static XElement Root(string idPrefix, string title, string summary, double height) =>
        new(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {N(Width)} {N(height)}"),
            new XAttribute("width", N(Width)), new XAttribute("height", N(height)),
            new XAttribute("class", "chart"), new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{idPrefix}-title {idPrefix}-desc"),
            new XAttribute("font-family", Font),
            new XElement(Svg + "title", new XAttribute("id", $"{idPrefix}-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", $"{idPrefix}-desc"), summary));

    private static XElement Legend(IReadOnlyList<string> names, double x, double y)
    {
        var legend = new XElement(Svg + "g", new XAttribute("class", "legend"), new XAttribute("font-size", "12"), new XAttribute("fill", Ink));
        for (var i = 0; i < names.Count; i++)
        {
            legend.Add(new XElement(Svg + "rect", A("x", x), A("y", y - 10), A("width", 12), A("height", 12), new XAttribute("fill", Palette[i % Palette.Count].Fill)),
                new XElement(Svg + "text", new XAttribute("class", "legend-item"), A("x", x + 17), A("y", y), names[i]));
            x += 17 + TextFit.Width(names[i], 12) + 18;
        }
        return legend;
    }

    private static string BarSummary(BarChartModel chart, IReadOnlyList<long> totals)
    {
        if (chart.IsEmpty) return "暂无数据。";
        var parts = chart.Categories.Select((c, i) => $"{c} {Count(totals[i])}{chart.Unit}");
        var bySeries = chart.Series.Select((s, i) => $"{s.Name} {Count(Enumerable.Range(0, chart.Categories.Count).Sum(c => chart.ValueOf(i, c)))}{chart.Unit}");
        return $"合计 {Count(totals.Sum())}{chart.Unit}；按类别：{string.Join("，", parts)}；按系列：{string.Join("，", bySeries)}。";
    }

    private static string FunnelSummary(FunnelModel funnel) =>
        funnel.Stages.Count == 0 ? "暂无数据。"
            : string.Join("；", funnel.Stages.Select((s, i) => funnel.ShareOfPrevious(i) is { } p
                ? $"{s.Label} {Count(s.Count)}{funnel.Unit}（上一步的 {Percent(p)}）" : $"{s.Label} {Count(s.Count)}{funnel.Unit}")) + "。";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static XAttribute A(string name, double value) => new(name, N(value));

    private static string N(double value) => FlowchartSvg.N(value);
}
