using Certification.Domain.Criteria;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

/// <summary>The baseline the other tests vary: it must pass every tier without any direct condition.</summary>
public class StrongProfileTests
{
    [Theory]
    [InlineData("innovative", EvaluationRoute.Score, 90)]
    [InlineData("specialized", EvaluationRoute.Score, 87)]
    public void Passes_the_scored_tiers_by_score(string tier, EvaluationRoute route, int total)
    {
        var result = TestProfiles.Strong().Evaluate(tier);

        result.Eligible.Should().BeTrue();
        result.Route.Should().Be(route);
        result.TotalScore.Should().Be(total);
        result.Failed.Should().BeEmpty();
        result.DirectConditions.Should().BeEmpty();
    }

    [Fact]
    public void Passes_little_giant_by_its_conditions()
    {
        var result = TestProfiles.Strong().Evaluate("little-giant");

        result.Eligible.Should().BeTrue();
        result.Route.Should().Be(EvaluationRoute.Conditions);
        result.TotalScore.Should().BeNull();
        result.Indicators.Should().BeEmpty();
        result.Dimensions.Should().BeEmpty();
        result.Conditions.Where(c => c.Code.StartsWith("LG-")).Should().OnlyContain(c => c.Passed || c.Code == "LG-4D");
    }

    [Fact]
    public void Every_condition_checked_is_reported_with_a_reason()
    {
        var result = TestProfiles.Strong().Evaluate("specialized");

        result.Conditions.Select(c => c.Code).Should().Equal(
            "G1", "G2", "G3", "G4", "G5", "PREREQ", "SPE-C1", "SPE-C2", "SPE-C3",
            "SPE-D1", "SPE-D2", "SPE-D3", "SPE-D4", "SCORE", "SPE-C4");
        result.Conditions.Should().OnlyContain(c => c.Reason.Length > 0);
        result.Indicators.Should().OnlyContain(i => i.Reason.Length > 0 && i.Name.Length > 0);
    }
}
