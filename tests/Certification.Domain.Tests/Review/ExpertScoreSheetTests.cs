using Certification.Domain.Review;

namespace Certification.Domain.Tests.Review;

public class ExpertScoreSheetTests
{
    // SPE-7 (net margin) is computed by the engine; SPE-9 (特色化) needs an expert's judgement.
    private static ExpertScoreSheet Blank() => new("E1", [
        new ScoreSheetIndicator("SPE-7", Max: 10m, ComputedScore: 8m),
        new ScoreSheetIndicator("SPE-8", Max: 5m, ComputedScore: 3m),
        new ScoreSheetIndicator("SPE-9", Max: 15m),
    ]);

    [Fact]
    public void A_sheet_with_computed_scores_confirmed_and_judgements_given_is_valid_and_totals_its_scores()
    {
        var sheet = Blank().ConfirmComputed().WithScore("SPE-9", 12.5m);

        sheet.Validate().Should().BeEmpty();
        sheet.IsValid.Should().BeTrue();
        sheet.Total.Should().Be(23.5m);
    }

    [Fact]
    public void Every_indicator_must_be_scored_or_checked()
    {
        Blank().Validate().Should().Equal(
            "指标 SPE-7 尚未核对（系统计算 8 分）",
            "指标 SPE-8 尚未核对（系统计算 3 分）",
            "指标 SPE-9 尚未评分");
    }

    [Theory]
    [InlineData("16")]
    [InlineData("-0.5")]
    public void A_score_outside_0_to_max_is_an_error(string given)
    {
        var score = decimal.Parse(given, System.Globalization.CultureInfo.InvariantCulture);

        Blank().ConfirmComputed().WithScore("SPE-9", score).Validate()
            .Should().Equal($"指标 SPE-9 评分 {given} 超出 0–15 分的范围");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("15")]
    public void The_bounds_themselves_are_allowed(string given)
    {
        var score = decimal.Parse(given, System.Globalization.CultureInfo.InvariantCulture);

        Blank().ConfirmComputed().WithScore("SPE-9", score).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Departing_from_a_computed_score_needs_a_comment()
    {
        var sheet = Blank().ConfirmComputed().WithScore("SPE-9", 10m).WithScore("SPE-7", 6m);

        sheet.Validate().Should().Equal("指标 SPE-7 评分 6 与系统计算的 8 分不一致，须填写说明");
        sheet["SPE-7"].DepartsFromComputed.Should().BeTrue();
    }

    [Fact]
    public void A_blank_comment_does_not_explain_a_departure()
    {
        Blank().ConfirmComputed().WithScore("SPE-9", 10m).WithScore("SPE-7", 6m, "  ").IsValid.Should().BeFalse();
    }

    [Fact]
    public void A_departure_with_a_comment_is_accepted_and_counts_in_the_total()
    {
        var sheet = Blank().ConfirmComputed().WithScore("SPE-9", 10m)
            .WithScore("SPE-7", 6m, "2025 年净利润含一次性资产处置收益，扣除后净利率为 6.8%");

        sheet.IsValid.Should().BeTrue();
        sheet.Total.Should().Be(19m);
    }

    [Fact]
    public void Agreeing_with_the_computed_score_needs_no_comment()
    {
        Blank().WithScore("SPE-7", 8m).WithScore("SPE-8", 3m).WithScore("SPE-9", 9m).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Confirming_computed_scores_keeps_what_the_expert_already_entered()
    {
        var sheet = Blank().WithScore("SPE-7", 7m, "说明").ConfirmComputed();

        sheet["SPE-7"].Score.Should().Be(7m);
        sheet["SPE-8"].Score.Should().Be(3m);
        sheet["SPE-9"].Score.Should().BeNull("a judgement cannot be confirmed, only given");
    }

    [Fact]
    public void A_sheet_is_immutable_scoring_returns_a_new_one()
    {
        var blank = Blank();

        blank.WithScore("SPE-9", 10m);

        blank["SPE-9"].Score.Should().BeNull();
    }

    [Fact]
    public void Malformed_rubrics_are_refused()
    {
        ((Action)(() => new ExpertScoreSheet("E1", [new("A", 5m), new("A", 5m)]))).Should().Throw<ArgumentException>();
        ((Action)(() => new ExpertScoreSheet("E1", [new("A", 0m)]))).Should().Throw<ArgumentException>();
        ((Action)(() => new ExpertScoreSheet("E1", [new("A", 5m, ComputedScore: 6m)]))).Should().Throw<ArgumentException>();
        ((Action)(() => Blank().WithScore("NOPE", 1m))).Should().Throw<KeyNotFoundException>();
    }
}
