using System.Globalization;
using System.Xml.Linq;
using Certification.Api.Charts;

namespace Certification.Api.Tests.Charts;

/// <summary>The statistics charts: bars as long as their counts, every number written, colours named in a legend, a text summary.</summary>
public sealed class ChartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly BarChartModel ByRegion = new("各地区认定数量（2026 年）", ["浙江省", "江苏省", "北京市"],
    [
        new ChartSeries("创新型中小企业", [120, 80, 0]),
        new ChartSeries("专精特新中小企业", [40, 60, 5]),
        new ChartSeries("专精特新“小巨人”企业", [10, 0, 1]),
    ], "家");

    [Fact]
    public void Each_category_is_one_bar_stacked_from_its_series_with_segments_as_long_as_their_counts()
    {
        var svg = XElement.Parse(ChartSvg.BarChart(ByRegion, "by-region"));

        var bars = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "bar").ToList();
        bars.Select(b => (string)b.Attribute("data-category")!).Should().Equal("浙江省", "江苏省", "北京市");
        bars.Select(b => (string)b.Attribute("data-total")!).Should().Equal("170", "140", "6");

        var zhejiang = Segments(bars[0]);
        zhejiang.Select(s => ((string)s.Attribute("data-series")!, Num(s, "data-value"))).Should().Equal(
            ("创新型中小企业", 120d), ("专精特新中小企业", 40d), ("专精特新“小巨人”企业", 10d));
        var unit = Num(zhejiang[0], "width") / 120;
        foreach (var bar in bars)
        {
            var segments = Segments(bar);
            foreach (var segment in segments)
                Num(segment, "width").Should().BeApproximately(Num(segment, "data-value") * unit, 0.2, "a segment's length is proportional to its count");
            for (var i = 1; i < segments.Count; i++)
                Num(segments[i], "x").Should().BeApproximately(Num(segments[i - 1], "x") + Num(segments[i - 1], "width"), 0.2, "segments are stacked");
        }
        Segments(bars[1]).Should().HaveCount(2, "a zero draws nothing");
    }

    [Fact]
    public void Every_number_is_written_and_the_colours_are_named_in_a_legend()
    {
        var svg = XElement.Parse(ChartSvg.BarChart(ByRegion, "by-region"));

        var totals = svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "total").Select(t => t.Value);
        totals.Should().Equal("170家", "140家", "6家");
        svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "legend-item").Select(t => t.Value)
            .Should().Equal("创新型中小企业", "专精特新中小企业", "专精特新“小巨人”企业");
        svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "segment-value").Select(t => t.Value)
            .Should().Contain(["120", "40", "80", "60"]);
        foreach (var segment in svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "segment"))
            segment.Element(Svg + "title")!.Value.Should().Contain((string)segment.Attribute("data-series")!).And.EndWith("家",
                "a segment too narrow for its number still tells it on hover");
    }

    [Fact]
    public void The_chart_has_a_title_and_a_summary_for_screen_readers()
    {
        var svg = XElement.Parse(ChartSvg.BarChart(ByRegion, "by-region"));

        svg.Attribute("role")!.Value.Should().Be("img");
        svg.Attribute("aria-labelledby")!.Value.Should().Be("by-region-title by-region-desc");
        svg.Element(Svg + "title")!.Value.Should().Be("各地区认定数量（2026 年）");
        svg.Element(Svg + "desc")!.Value.Should().Be("合计 316家；按类别：浙江省 170家，江苏省 140家，北京市 6家；按系列：创新型中小企业 200家，专精特新中小企业 105家，专精特新“小巨人”企业 11家。");
    }

    [Fact]
    public void The_axis_ends_on_a_round_number_at_or_above_the_longest_bar()
    {
        ChartSvg.NiceMax(170).Should().Be(200);
        ChartSvg.NiceMax(6).Should().Be(6);
        ChartSvg.NiceMax(206).Should().Be(300);
        ChartSvg.NiceMax(1).Should().Be(1);
        ChartSvg.NiceMax(0).Should().Be(1);
        ChartSvg.NiceMax(501).Should().Be(600);
        ChartSvg.Ticks(300).Should().Equal(0, 50, 100, 150, 200, 250, 300);
        ChartSvg.Ticks(800).Should().Equal(0, 200, 400, 600, 800);
        ChartSvg.Ticks(200).Should().Equal(0, 50, 100, 150, 200);
        ChartSvg.Ticks(10).Should().Equal(0, 2, 4, 6, 8, 10);
        ChartSvg.Ticks(5000).Should().Equal(0, 1000, 2000, 3000, 4000, 5000);
        ChartSvg.Ticks(1).Should().Equal(0, 1);
    }

    [Fact]
    public void A_chart_without_data_says_so()
    {
        var empty = new BarChartModel("即将到期", [], [new ChartSeries("创新型中小企业", [])], "项");

        var svg = XElement.Parse(ChartSvg.BarChart(empty, "expiring"));

        svg.Descendants(Svg + "text").Should().Contain(t => t.Value == "暂无数据");
        svg.Element(Svg + "desc")!.Value.Should().Be("暂无数据。");
    }

    [Fact]
    public void A_funnel_shows_each_step_as_wide_as_its_count_with_the_share_of_the_previous_step()
    {
        var funnel = new FunnelModel("2026 年第一批", [new("已提交", 200), new("初审推荐", 150), new("专家评审通过", 90), new("已认定", 0)], "家");

        var svg = XElement.Parse(ChartSvg.Funnel(funnel, "funnel"));

        var stages = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "stage").ToList();
        stages.Select(s => (string)s.Attribute("data-stage")!).Should().Equal("已提交", "初审推荐", "专家评审通过", "已认定");
        var widths = stages.Select(s => Num(s.Element(Svg + "rect")!, "width")).ToList();
        (widths[1] / widths[0]).Should().BeApproximately(0.75, 0.01);
        (widths[2] / widths[0]).Should().BeApproximately(0.45, 0.01);
        widths[3].Should().BeGreaterThan(0, "an empty step is still visible as a sliver");
        var notes = svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "stage-note").Select(t => t.Value);
        notes.Should().Equal("200家", "150家（上一步的 75%）", "90家（上一步的 60%）", "0家（上一步的 0%）");
        stages[2].Element(Svg + "title")!.Value.Should().Contain("占首步 45%");
        funnel.ShareOfPrevious(0).Should().BeNull();
    }

    [Fact]
    public void Names_are_escaped()
    {
        var chart = new BarChartModel("<b>标题</b>", ["<script>x</script>"], [new ChartSeries("\"&'", [1])]);

        var markup = ChartSvg.BarChart(chart, "x");

        markup.Should().NotContain("<script>").And.NotContain("<b>");
        XElement.Parse(markup).Element(Svg + "title")!.Value.Should().Be("<b>标题</b>");
    }

    private static List<XElement> Segments(XElement bar) =>
        bar.Elements(Svg + "rect").Where(r => (string?)r.Attribute("class") == "segment").ToList();

    private static double Num(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}

/// <summary>The statistics features' answers as charts: bars per region, year or month, stacked by tier in ladder order.</summary>
public sealed class StatisticsChartsTests
{
    private static readonly Certification.Workflows.Features.Statistics.TitleCounts Counts = new("", "全国", 9, 8,
    [
        new("specialized", "专精特新中小企业", "33", "浙江省", 2025, 2, 2),
        new("innovative", "创新型中小企业", "33", "浙江省", 2025, 3, 3),
        new("innovative", "创新型中小企业", "33", "浙江省", 2026, 1, 1),
        new("innovative", "创新型中小企业", "11", "北京市", 2026, 3, 2),
    ]);

    [Fact]
    public void Titles_by_region_sum_the_years_and_stack_the_tiers_from_the_first_rung()
    {
        var chart = Certification.Api.Charts.StatisticsCharts.TitlesByRegion(Counts);

        chart.Categories.Should().Equal("北京市", "浙江省");
        chart.Series.Select(s => s.Name).Should().Equal("创新型中小企业", "专精特新中小企业");
        chart.Series[0].Values.Should().Equal(3, 4);
        chart.Series[1].Values.Should().Equal(0, 2);
        chart.Unit.Should().Be("家");
    }

    [Fact]
    public void Titles_by_year_sum_the_regions()
    {
        var chart = Certification.Api.Charts.StatisticsCharts.TitlesByYear(Counts);

        chart.Categories.Should().Equal("2025 年", "2026 年");
        chart.Series[0].Values.Should().Equal(3, 4);
        chart.Series[1].Values.Should().Equal(2, 0);
    }

    [Fact]
    public void An_innovative_funnel_leaves_out_the_expert_stage_it_never_goes_through()
    {
        Certification.Workflows.Features.Statistics.FunnelStage Stage(string stage, string label, int reached) => new(stage, label, reached, 0, 0, null);
        var stages = new[] { Stage("applied", "申报", 10), Stage("preliminary", "初审", 8), Stage("formal", "审核", 6), Stage("experts", "专家评审", 0), Stage("certified", "认定", 5) };

        Certification.Api.Charts.StatisticsCharts.Funnel("创新型", stages, "innovative").Stages.Select(s => s.Label).Should().Equal("申报", "初审", "审核", "认定");
        Certification.Api.Charts.StatisticsCharts.Funnel("专精特新", stages, "specialized").Stages.Should().HaveCount(5);
    }
}
