using Certification.Domain.Review;

namespace Certification.Domain.Tests.Review;

public class PanelScoreAggregatorTests
{
    private static PanelScore Ok(PanelScoreResult result)
    {
        result.IsSuccess.Should().BeTrue(result.Error);
        return result.Score!;
    }

    [Fact]
    public void A_panel_of_three_scores_the_mean_of_all_three()
    {
        var score = Ok(PanelScoreAggregator.Aggregate([72m, 80m, 84m], panelSize: 3));

        score.Score.Should().Be(236m / 3);
        score.DisplayScore.Should().Be(78.67m);
        score.Spread.Should().Be(12m);
        score.Outcome.Should().Be(PanelOutcome.Passed);
        score.CountedScores.Should().HaveCount(3);
        score.DroppedHighest.Should().BeNull();
        score.DroppedLowest.Should().BeNull();
    }

    [Fact]
    public void A_panel_of_four_drops_nothing()
    {
        Ok(PanelScoreAggregator.Aggregate([70m, 72m, 74m, 84m], panelSize: 4)).Score.Should().Be(75m);
    }

    [Fact]
    public void From_five_scores_one_highest_and_one_lowest_are_dropped_before_averaging()
    {
        var score = Ok(PanelScoreAggregator.Aggregate([84m, 70m, 74m, 76m, 72m], panelSize: 5));

        score.Score.Should().Be(74m);
        score.CountedScores.Should().Equal(72m, 74m, 76m);
        score.DroppedHighest.Should().Be(84m);
        score.DroppedLowest.Should().Be(70m);
        score.Spread.Should().Be(14m, "the spread is taken over every submitted total");
    }

    [Fact]
    public void When_the_highest_or_lowest_score_is_shared_only_one_of_each_is_dropped()
    {
        var score = Ok(PanelScoreAggregator.Aggregate([70m, 70m, 75m, 80m, 80m], panelSize: 5));

        score.CountedScores.Should().Equal(70m, 75m, 80m);
        score.Score.Should().Be(75m);
    }

    [Fact]
    public void A_spread_over_the_threshold_is_divergent_even_when_the_mean_passes()
    {
        var score = Ok(PanelScoreAggregator.Aggregate([60m, 80m, 100m], panelSize: 3));

        score.Score.Should().Be(80m);
        score.Outcome.Should().Be(PanelOutcome.Divergent);
    }

    [Fact]
    public void Divergence_counts_the_scores_that_trimming_drops()
    {
        var score = Ok(PanelScoreAggregator.Aggregate([50m, 75m, 76m, 77m, 95m], panelSize: 5));

        score.CountedScores.Max().Should().Be(77m);
        score.Spread.Should().Be(45m);
        score.Outcome.Should().Be(PanelOutcome.Divergent);
    }

    [Theory]
    [InlineData("15", PanelOutcome.Passed)]
    [InlineData("15.01", PanelOutcome.Divergent)]
    public void A_spread_exactly_at_the_threshold_is_not_divergent(string spread, PanelOutcome expected)
    {
        var high = 70m + decimal.Parse(spread, System.Globalization.CultureInfo.InvariantCulture);

        Ok(PanelScoreAggregator.Aggregate([70m, 75m, high], panelSize: 3)).Outcome.Should().Be(expected);
    }

    [Fact]
    public void A_score_exactly_at_the_pass_mark_passes()
    {
        Ok(PanelScoreAggregator.Aggregate([58m, 60m, 62m], panelSize: 3)).Outcome.Should().Be(PanelOutcome.Passed);
    }

    [Fact]
    public void The_pass_mark_is_compared_with_the_unrounded_mean_not_the_displayed_one()
    {
        var score = Ok(PanelScoreAggregator.Aggregate([59m, 60m, 60.99m], panelSize: 3));

        score.DisplayScore.Should().Be(60.00m);
        score.Score.Should().BeLessThan(60m);
        score.Outcome.Should().Be(PanelOutcome.Failed);
    }

    [Fact]
    public void The_displayed_score_rounds_halves_away_from_zero()
    {
        // 80.005 would round to 80.00 under banker's rounding.
        Ok(PanelScoreAggregator.Aggregate([80.00m, 80.01m], panelSize: 2)).DisplayScore.Should().Be(80.01m);
    }

    [Fact]
    public void Pass_mark_and_divergence_threshold_are_settings()
    {
        var strict = new ScoreAggregationSettings(PassScore: 70m, DivergenceThreshold: 10m);

        Ok(PanelScoreAggregator.Aggregate([65m, 68m, 70m], 3, strict)).Outcome.Should().Be(PanelOutcome.Failed);
        Ok(PanelScoreAggregator.Aggregate([65m, 70m, 76m], 3, strict)).Outcome.Should().Be(PanelOutcome.Divergent);
        Ok(PanelScoreAggregator.Aggregate([65m, 68m, 70m], 3)).Outcome.Should().Be(PanelOutcome.Passed);
    }

    [Fact]
    public void Fewer_scores_than_the_panel_size_are_refused()
    {
        var result = PanelScoreAggregator.Aggregate([80m, 82m], panelSize: 3);

        result.IsSuccess.Should().BeFalse();
        result.Error.Should().Be("评分未齐：评审组共 3 名专家，仅收到 2 份评分，不能汇总");
    }

    [Fact]
    public void More_scores_than_the_panel_size_are_refused()
    {
        PanelScoreAggregator.Aggregate([80m, 82m, 84m, 86m], panelSize: 3).Error.Should().Contain("收到 4 份评分");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100.5")]
    public void A_total_outside_0_to_100_is_refused(string total)
    {
        var value = decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture);

        PanelScoreAggregator.Aggregate([80m, 82m, value], panelSize: 3).Error.Should().Contain(total).And.Contain("超出 0–100 分");
    }

    [Fact]
    public void Settings_out_of_range_are_a_programming_error()
    {
        ((Action)(() => PanelScoreAggregator.Aggregate([80m], 1, new ScoreAggregationSettings(PassScore: 101m)))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => PanelScoreAggregator.Aggregate([80m], 1, new ScoreAggregationSettings(DivergenceThreshold: -1m)))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => PanelScoreAggregator.Aggregate([80m], 0))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Sheets_are_aggregated_on_their_totals()
    {
        var sheets = new[] { Sheet("E1", 40m, 30m), Sheet("E2", 42m, 30m), Sheet("E3", 38m, 26m) };

        var score = Ok(PanelScoreAggregator.AggregateSheets(sheets, panelSize: 3));

        score.SubmittedScores.Should().Equal(70m, 72m, 64m);
        score.Score.Should().Be(206m / 3);
    }

    [Fact]
    public void An_invalid_sheet_is_refused_naming_the_expert_and_the_problem()
    {
        var sheets = new[] { Sheet("E1", 40m, 30m), Sheet("E2", 42m, 30m), Sheet("E3", 38m, null) };

        PanelScoreAggregator.AggregateSheets(sheets, panelSize: 3).Error
            .Should().Be("专家 E3 的评分表有误：指标 J 尚未评分");
    }

    [Fact]
    public void Two_sheets_from_one_expert_are_refused()
    {
        var sheets = new[] { Sheet("E1", 40m, 30m), Sheet("E1", 42m, 30m), Sheet("E3", 38m, 20m) };

        PanelScoreAggregator.AggregateSheets(sheets, panelSize: 3).Error.Should().Be("专家 E1 提交了多份评分表");
    }

    private static ExpertScoreSheet Sheet(string expertId, decimal computed, decimal? judged) =>
        new(expertId, [
            new ScoreSheetIndicator("C", Max: 50m, ComputedScore: computed, Score: computed),
            new ScoreSheetIndicator("J", Max: 50m, Score: judged),
        ]);
}
