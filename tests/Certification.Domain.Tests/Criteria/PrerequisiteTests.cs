using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

/// <summary>The ladder: specialized needs a valid innovative title, little-giant a valid specialized one, on asOf.</summary>
public class PrerequisiteTests
{
    [Theory]
    [InlineData("specialized", "innovative")]
    [InlineData("little-giant", "specialized")]
    public void A_title_valid_after_asOf_satisfies_the_ladder(string tier, string prerequisite)
        => Evaluate(tier, prerequisite, TestProfiles.AsOf.AddYears(1)).Should().BeTrue();

    [Theory]
    [InlineData("specialized", "innovative")]
    [InlineData("little-giant", "specialized")]
    public void A_title_expiring_on_asOf_still_counts(string tier, string prerequisite)
        => Evaluate(tier, prerequisite, TestProfiles.AsOf).Should().BeTrue();

    [Theory]
    [InlineData("specialized", "innovative")]
    [InlineData("little-giant", "specialized")]
    public void A_title_that_expired_the_day_before_asOf_does_not(string tier, string prerequisite)
    {
        var profile = TestProfiles.Strong() with
        {
            Titles = [new HeldTitle { Tier = prerequisite, ValidUntil = TestProfiles.AsOf.AddDays(-1) }],
        };

        var result = profile.Evaluate(tier);

        result.Eligible.Should().BeFalse();
        result.Route.Should().BeNull();
        result.FailedCodes().Should().Equal("PREREQ");
        result.Failed.Single().Reason.Should().Contain("2026-06-29").And.Contain("到期");
    }

    [Theory]
    [InlineData("specialized")]
    [InlineData("little-giant")]
    public void No_title_or_only_another_tier_fails_the_ladder(string tier)
    {
        var other = new HeldTitle { Tier = "some-city-tier", ValidUntil = TestProfiles.AsOf.AddYears(2) };
        var profile = TestProfiles.Strong() with { Titles = [other, null] };

        var result = profile.Evaluate(tier);

        result.FailedCodes().Should().Equal("PREREQ");
        result.Failed.Single().Reason.Should().StartWith("未持有");
    }

    [Fact]
    public void The_latest_of_several_titles_of_the_tier_counts()
    {
        var profile = TestProfiles.Strong() with
        {
            Titles =
            [
                new HeldTitle { Tier = "innovative", ValidUntil = new DateOnly(2020, 1, 1) },
                new HeldTitle { Tier = "innovative", ValidUntil = new DateOnly(2028, 1, 1) },
            ],
        };

        profile.Evaluate("specialized").Condition("PREREQ").Passed.Should().BeTrue();
    }

    [Fact]
    public void Innovative_has_no_prerequisite()
        => (TestProfiles.Strong() with { Titles = [] }).Evaluate("innovative").Conditions
            .Should().NotContain(c => c.Code == "PREREQ");

    private static bool Evaluate(string tier, string prerequisite, DateOnly validUntil)
    {
        var profile = TestProfiles.Strong() with
        {
            Titles = [new HeldTitle { Tier = prerequisite, ValidUntil = validUntil }],
        };
        var result = profile.Evaluate(tier);
        result.Condition("PREREQ").Reason.Should().Contain(validUntil.ToString("yyyy-MM-dd"));
        return result.Condition("PREREQ").Passed && result.Eligible;
    }
}
