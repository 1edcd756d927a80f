using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

public class DirectConditionTests
{
    /// <summary>Fails the innovative score (specialisation below its minimum) so only a direct condition can carry it.</summary>
    private static EnterpriseProfile WeakInnovative() => TestProfiles.Strong()
        .WithYear(2025, r => r with { MainBusinessRevenue = 9000 }) // share 45%, growth < 0
        with { ProductField = new ProductField { StrategicEmerging = false } };

    /// <summary>Fails the specialized score (below 60) while meeting SPE-C1..C3.</summary>
    private static EnterpriseProfile WeakSpecialized() => TestProfiles.Strong()
        .WithYear(2025, r => r with { MainBusinessRevenue = 9000, NetProfit = 0, TotalLiabilities = 18000 })
        with
        {
            Quality = new QualityRecord(), DigitalLevel = 0, RegionalFeatureScore = 0,
            Ip = new IntellectualProperty { Class1AppliedWithBenefit = 3 },
        };

    [Fact]
    public void The_weak_profiles_fail_on_score_alone()
    {
        var innovative = WeakInnovative().Evaluate("innovative");
        innovative.Eligible.Should().BeFalse();
        innovative.FailedCodes().Should().Equal("SCORE");

        var specialized = WeakSpecialized().Evaluate("specialized");
        specialized.Eligible.Should().BeFalse();
        specialized.TotalScore.Should().BeLessThan(60);
        specialized.FailedCodes().Should().Equal("SCORE");
        specialized.Condition("SPE-C4").Passed.Should().BeFalse();
    }

    public static TheoryData<string, string, EnterpriseProfile, bool> InnovativeCases() => new()
    {
        { "INN-D1", "national award", WeakInnovative() with { Awards = new AwardRanks { NationalRank = 9 } }, true },
        { "INN-D1", "provincial award", WeakInnovative() with { Awards = new AwardRanks { ProvincialRank = 12 } }, true },
        { "INN-D1", "no award", WeakInnovative() with { Awards = new AwardRanks() }, false },
        { "INN-D2", "high-tech", WeakInnovative() with { Honors = new Honors { HighTechEnterprise = true } }, true },
        { "INN-D2", "demo", WeakInnovative() with { Honors = new Honors { NationalTechInnovationDemo = true } }, true },
        { "INN-D2", "IP advantage", WeakInnovative() with { Honors = new Honors { IpAdvantageOrDemo = true } }, true },
        { "INN-D2", "no honour", WeakInnovative() with { Honors = new Honors { HighTechEnterprise = false } }, false },
        { "INN-D3", "provincial", WeakInnovative() with { RdInstitution = RdInstitutionLevel.Provincial }, true },
        { "INN-D3", "national", WeakInnovative() with { RdInstitution = RdInstitutionLevel.National }, true },
        { "INN-D3", "city", WeakInnovative() with { RdInstitution = RdInstitutionLevel.City }, false },
        { "INN-D4", "500", WeakInnovative() with { EquityFinancing = new EquityFinancing { Last3Years = 500 } }, true },
        { "INN-D4", "499.99", WeakInnovative() with { EquityFinancing = new EquityFinancing { Last3Years = 499.99m } }, false },
    };

    [Theory]
    [MemberData(nameof(InnovativeCases))]
    public void Innovative_direct_conditions(string code, string because, EnterpriseProfile profile, bool holds)
        => AssertDirect(profile.Evaluate("innovative"), code, because, holds);

    public static TheoryData<string, string, EnterpriseProfile, bool> SpecializedCases() => new()
    {
        { "SPE-D1", "provincial rank 3", WeakSpecialized() with { Awards = new AwardRanks { ProvincialRank = 3 } }, true },
        { "SPE-D1", "provincial rank 4", WeakSpecialized() with { Awards = new AwardRanks { ProvincialRank = 4 } }, false },
        { "SPE-D1", "national rank 5", WeakSpecialized() with { Awards = new AwardRanks { NationalRank = 5 } }, true },
        { "SPE-D1", "national rank 6", WeakSpecialized() with { Awards = new AwardRanks { NationalRank = 6 } }, false },
        { "SPE-D2", "mean 1000", MeanRd(1000, 1000), true },
        { "SPE-D2", "mean 999.995", MeanRd(1000, 999.99m), false },
        { "SPE-D3", "6000", WeakSpecialized() with { EquityFinancing = new EquityFinancing { Last2Years = 6000 } }, true },
        { "SPE-D3", "5999.99", WeakSpecialized() with { EquityFinancing = new EquityFinancing { Last2Years = 5999.99m } }, false },
        { "SPE-D4", "top500", WeakSpecialized() with { MakerChina = MakerChinaRank.Top500 }, true },
        { "SPE-D4", "top50 counts as top500", WeakSpecialized() with { MakerChina = MakerChinaRank.Top50 }, true },
        { "SPE-D4", "none", WeakSpecialized() with { MakerChina = null }, false },
    };

    [Theory]
    [MemberData(nameof(SpecializedCases))]
    public void Specialized_direct_conditions(string code, string because, EnterpriseProfile profile, bool holds)
    {
        var result = profile.Evaluate("specialized");

        AssertDirect(result, code, because, holds);
        result.Condition("SPE-C4").Passed.Should().Be(holds);
    }

    [Fact]
    public void Direct_conditions_are_listed_even_when_a_general_condition_fails()
    {
        var result = (WeakInnovative() with { IsSme = false, Honors = new Honors { HighTechEnterprise = true } })
            .Evaluate("innovative");

        result.Eligible.Should().BeFalse();
        result.Route.Should().BeNull();
        result.DirectConditions.Should().Equal("INN-D2");
        result.FailedCodes().Should().Equal("G1");
    }

    [Fact]
    public void A_direct_condition_is_preferred_to_a_passing_score()
    {
        var result = (TestProfiles.Strong() with { RdInstitution = RdInstitutionLevel.Provincial }).Evaluate("innovative");

        result.Route.Should().Be(EvaluationRoute.Direct);
        result.TotalScore.Should().Be(90, "the score is always computed");
    }

    private static EnterpriseProfile MeanRd(decimal lastYear, decimal yearBefore) => WeakSpecialized()
        .WithYear(2025, r => r with { OperatingRevenue = 30000, RdExpense = lastYear })
        .WithYear(2024, r => r with { OperatingRevenue = 30000, RdExpense = yearBefore });

    private static void AssertDirect(Evaluation result, string code, string because, bool holds)
    {
        result.Condition(code).Passed.Should().Be(holds, because);
        result.Condition(code).Reason.Should().NotBeNullOrWhiteSpace();
        if (holds)
        {
            result.DirectConditions.Should().Contain(code, because);
            result.Eligible.Should().BeTrue(because);
            result.Route.Should().Be(EvaluationRoute.Direct, because);
        }
        else
        {
            result.DirectConditions.Should().NotContain(code, because);
            result.Eligible.Should().BeFalse(because);
        }
    }
}
