using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

public class LittleGiantTests
{
    private static Evaluation Evaluate(EnterpriseProfile profile) => profile.Evaluate("little-giant");

    public static TheoryData<string, string, EnterpriseProfile> FailingAspects() => new()
    {
        { "LG-1", "niche 2.99 years", TestProfiles.Strong() with { NicheMarketYears = 2.99m } },
        { "LG-1", "main share 69.99%", TestProfiles.Strong().WithYear(2025, r => r with { OperatingRevenue = 20000, MainBusinessRevenue = 13998 }) },
        { "LG-1", "mean growth below 5%", Growth(10000, 10000, 10999.99m) },
        { "LG-2", "no information system", TestProfiles.Strong() with { LittleGiant = TestProfiles.Strong().LittleGiant! with { CoreBusinessInfoSystem = false } } },
        { "LG-2", "no certification", TestProfiles.Strong() with { LittleGiant = TestProfiles.Strong().LittleGiant! with { ManagementOrProductCertification = false } } },
        { "LG-2", "debt 70.0001%", TestProfiles.Strong().WithYear(2025, r => r with { TotalAssets = 10000, TotalLiabilities = 7000.01m }) },
        { "LG-3", "market share 9.99%", TestProfiles.Strong() with { LittleGiant = TestProfiles.Strong().LittleGiant! with { NationalMarketShare = 9.99m } } },
        { "LG-3", "no own brand", TestProfiles.Strong() with { Quality = TestProfiles.Strong().Quality! with { OwnBrand = false } } },
        { "LG-4", "no rd institution", TestProfiles.Strong() with { RdInstitution = RdInstitutionLevel.None } },
        { "LG-4", "one applied class I item", TestProfiles.Strong() with { Ip = new IntellectualProperty { Class1AppliedWithBenefit = 1 } } },
        { "LG-5", "not at a key chain link", TestProfiles.Strong() with { LittleGiant = TestProfiles.Strong().LittleGiant! with { KeyChainLink = false } } },
        { "LG-6", "not a key field", TestProfiles.Strong() with { ProductField = TestProfiles.Strong().ProductField! with { LittleGiantKeyField = false } } },
    };

    [Theory]
    [MemberData(nameof(FailingAspects))]
    public void Each_aspect_fails_on_its_own(string aspect, string because, EnterpriseProfile profile)
    {
        var result = Evaluate(profile);

        result.Eligible.Should().BeFalse(because);
        result.Route.Should().BeNull();
        result.FailedCodes().Should().Equal([aspect], because);
        result.Failed.Single().Reason.Should().NotBeNullOrWhiteSpace();
        result.TotalScore.Should().BeNull();
    }

    [Fact]
    public void Aspects_hold_exactly_on_their_boundaries()
    {
        var profile = Growth(10000, 12000, 14000)
            .WithYear(2025, r => r with { TotalAssets = 10000, TotalLiabilities = 7000 })
            with
            {
                NicheMarketYears = 3,
                LittleGiant = TestProfiles.Strong().LittleGiant! with { NationalMarketShare = 10 },
            };

        var result = Evaluate(profile);

        result.Eligible.Should().BeTrue(string.Join("；", result.Failed.Select(f => f.Reason)));
        result.Condition("LG-2c").Reason.Should().Be("资产负债率 70.00%（≤70%）");
    }

    [Fact]
    public void Mean_growth_of_exactly_5_percent_meets_LG_1()
        => Evaluate(Growth(10000, 10000, 11000)).Condition("LG-1c").Passed.Should().BeTrue();

    [Theory]
    // Revenue >= 10000: R&D intensity >= 3% in each of the last 2 years.
    [InlineData("10000", "300", "300", true)]
    [InlineData("10000", "300", "299.99", false)]
    [InlineData("10000", "299.99", "300", false)]
    // 5000 <= revenue < 10000: >= 6% in each year.
    [InlineData("9999.99", "599.9994", "600", true)]
    [InlineData("9999.99", "300", "300", false)]
    [InlineData("5000", "300", "600", true)]
    [InlineData("5000", "299.99", "600", false)]
    [InlineData("5000", "300", "599.99", false)]
    public void LG_4G_revenue_brackets_set_the_rd_intensity_needed(
        string revenue, string rdLastYear, string rdYearBefore, bool holds)
    {
        var lastRevenue = decimal.Parse(revenue);
        // Main business 90% of revenue, growing 10% a year, so that only LG-4 is in question.
        var main = Math.Round(lastRevenue * 0.9m, 2);
        var profile = Growth(Math.Round(main / 1.21m, 2), Math.Round(main / 1.1m, 2), main)
            .WithYear(2025, r => r with { OperatingRevenue = lastRevenue, RdExpense = decimal.Parse(rdLastYear) })
            .WithYear(2024, r => r with { OperatingRevenue = 10000, RdExpense = decimal.Parse(rdYearBefore) });

        var result = Evaluate(profile);

        result.Condition("LG-4Ga").Passed.Should().Be(holds, result.Condition("LG-4Ga").Reason);
        result.Eligible.Should().Be(holds);
        if (!holds)
        {
            result.FailedCodes().Should().Equal("LG-4");
        }
    }

    [Theory]
    [InlineData("8000", "3000", 100, true)]
    [InlineData("7999.99", "3000", 100, false)]
    [InlineData("8000", "2999.99", 100, false)]
    [InlineData("8000", "3000", 99, false)]
    public void LG_4G_below_5000_revenue_needs_financing_rd_total_and_rd_staff(
        string financing, string rdTotal, int rdStaff, bool holds)
    {
        var total = decimal.Parse(rdTotal);
        var profile = TestProfiles.Strong()
            .WithYear(2025, r => r with { OperatingRevenue = 4999.99m, MainBusinessRevenue = 4500, RdExpense = 1500 })
            .WithYear(2024, r => r with { OperatingRevenue = 4000, MainBusinessRevenue = 3900, RdExpense = total - 1500 })
            .WithYear(2023, r => r with { MainBusinessRevenue = 3500 })
            with
            {
                EquityFinancing = new EquityFinancing { Last2Years = decimal.Parse(financing) },
                Employees = 200,
                RdStaff = rdStaff,
            };

        var result = Evaluate(profile);

        result.Condition("LG-4Ga").Passed.Should().Be(holds, result.Condition("LG-4Ga").Reason);
        result.Condition("LG-4Ga").Reason.Should().StartWith("营业收入 4999.99万元（<5000万元）");
    }

    [Theory]
    [InlineData(3, null, true)]
    [InlineData(4, null, false)]
    [InlineData(null, MakerChinaRank.Top50, true)]
    [InlineData(null, MakerChinaRank.Top500, false)]
    public void LG_4D_stands_in_for_LG_4G(int? nationalRank, MakerChinaRank? makerChina, bool holds)
    {
        var profile = TestProfiles.Strong() with
        {
            RdInstitution = RdInstitutionLevel.None, // LG-4G fails
            Awards = new AwardRanks { NationalRank = nationalRank },
            MakerChina = makerChina,
        };

        var result = Evaluate(profile);

        result.Condition("LG-4G").Passed.Should().BeFalse();
        result.Condition("LG-4D").Passed.Should().Be(holds);
        result.Eligible.Should().Be(holds);
        if (holds)
        {
            result.DirectConditions.Should().Equal("LG-4D");
            result.Route.Should().Be(EvaluationRoute.Conditions);
        }
        else
        {
            result.DirectConditions.Should().BeEmpty();
            result.FailedCodes().Should().Equal("LG-4");
        }
    }

    [Fact]
    public void LG_4D_is_listed_when_LG_4G_also_holds()
    {
        var result = Evaluate(TestProfiles.Strong() with { MakerChina = MakerChinaRank.Top50 });

        result.Condition("LG-4G").Passed.Should().BeTrue();
        result.DirectConditions.Should().Equal("LG-4D");
        result.Route.Should().Be(EvaluationRoute.Conditions);
    }

    [Fact]
    public void All_failing_aspects_are_listed_together()
    {
        var profile = TestProfiles.Strong() with
        {
            NicheMarketYears = 1,
            RdInstitution = RdInstitutionLevel.None,
            ProductField = TestProfiles.Strong().ProductField! with { LittleGiantKeyField = false },
        };

        Evaluate(profile).FailedCodes().Should().BeEquivalentTo("LG-1", "LG-4", "LG-6");
    }

    private static EnterpriseProfile Growth(decimal main2023, decimal main2024, decimal main2025) => TestProfiles.Strong()
        .WithYear(2023, r => r with { OperatingRevenue = 20000, MainBusinessRevenue = main2023 })
        .WithYear(2024, r => r with { OperatingRevenue = 20000, MainBusinessRevenue = main2024 })
        .WithYear(2025, r => r with { OperatingRevenue = 20000, MainBusinessRevenue = main2025 });
}
