using System.Globalization;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

/// <summary>
/// Every band edge of both scored tiers, exactly on the edge and one cent (or one unit) below it.
/// "a–b" means a &lt;= v &lt; b, so the edge value belongs to the band above it.
/// </summary>
public class BandEdgeTests
{
    /// <summary>Which fact a test varies; the value is in 万元 unless said otherwise.</summary>
    public enum Lever
    {
        /// <summary>Last-year R&amp;D with revenue 10000: intensity = v / 10000.</summary>
        RdOver10000,
        /// <summary>Last-year R&amp;D with revenue 1000: intensity = v / 1000 (SPE-11 by intensity).</summary>
        RdOver1000,
        /// <summary>Last-year R&amp;D with revenue 100000: intensity below 1% (SPE-11 by amount).</summary>
        RdOver100000,
        /// <summary>Last-year main-business revenue with the year before at 10000: growth = v / 10000 − 1.</summary>
        MainGrowth,
        /// <summary>Main-business revenue 10000, 10000, v over three years: mean growth = (v / 10000 − 1) / 2.</summary>
        MainMeanGrowth,
        /// <summary>Last-year liabilities with assets 10000.</summary>
        LiabilitiesOver10000,
        /// <summary>Last-year main-business revenue with revenue 10000.</summary>
        MainOver10000,
        /// <summary>Last-year net profit with revenue 10000.</summary>
        ProfitOver10000,
        /// <summary>R&amp;D staff (persons) with 10000 employees.</summary>
        RdStaffOver10000,
        DigitalLevel,
        NicheYears,
        RegionalFeatureScore,
    }

    [Theory]
    // INN-2 R&D intensity: >=5% 20; 3–5% 15; 2–3% 10; 1–2% 5; <1% 0
    [InlineData("innovative", "INN-2", Lever.RdOver10000, "500", 20)]
    [InlineData("innovative", "INN-2", Lever.RdOver10000, "499.99", 15)]
    [InlineData("innovative", "INN-2", Lever.RdOver10000, "300", 15)]
    [InlineData("innovative", "INN-2", Lever.RdOver10000, "299.99", 10)]
    [InlineData("innovative", "INN-2", Lever.RdOver10000, "200", 10)]
    [InlineData("innovative", "INN-2", Lever.RdOver10000, "199.99", 5)]
    [InlineData("innovative", "INN-2", Lever.RdOver10000, "100", 5)]
    [InlineData("innovative", "INN-2", Lever.RdOver10000, "99.99", 0)]
    // INN-3 growth: >=15% 20; 10–15% 15; 5–10% 10; 0–5% 5; <0 0
    [InlineData("innovative", "INN-3", Lever.MainGrowth, "11500", 20)]
    [InlineData("innovative", "INN-3", Lever.MainGrowth, "11499.99", 15)]
    [InlineData("innovative", "INN-3", Lever.MainGrowth, "11000", 15)]
    [InlineData("innovative", "INN-3", Lever.MainGrowth, "10999.99", 10)]
    [InlineData("innovative", "INN-3", Lever.MainGrowth, "10500", 10)]
    [InlineData("innovative", "INN-3", Lever.MainGrowth, "10499.99", 5)]
    [InlineData("innovative", "INN-3", Lever.MainGrowth, "10000", 5)]
    [InlineData("innovative", "INN-3", Lever.MainGrowth, "9999.99", 0)]
    // INN-4 debt ratio: <55% 10; 55–75% 5; >=75% 0
    [InlineData("innovative", "INN-4", Lever.LiabilitiesOver10000, "5499.99", 10)]
    [InlineData("innovative", "INN-4", Lever.LiabilitiesOver10000, "5500", 5)]
    [InlineData("innovative", "INN-4", Lever.LiabilitiesOver10000, "7499.99", 5)]
    [InlineData("innovative", "INN-4", Lever.LiabilitiesOver10000, "7500", 0)]
    // INN-6 main-business share: >=70% 20; 60–70% 15; 55–60% 10; 50–55% 5; <50% 0
    [InlineData("innovative", "INN-6", Lever.MainOver10000, "7000", 20)]
    [InlineData("innovative", "INN-6", Lever.MainOver10000, "6999.99", 15)]
    [InlineData("innovative", "INN-6", Lever.MainOver10000, "6000", 15)]
    [InlineData("innovative", "INN-6", Lever.MainOver10000, "5999.99", 10)]
    [InlineData("innovative", "INN-6", Lever.MainOver10000, "5500", 10)]
    [InlineData("innovative", "INN-6", Lever.MainOver10000, "5499.99", 5)]
    [InlineData("innovative", "INN-6", Lever.MainOver10000, "5000", 5)]
    [InlineData("innovative", "INN-6", Lever.MainOver10000, "4999.99", 0)]
    // SPE-1 main-business share: >=80% 5; 70–80% 3; 60–70% 1; <60% 0
    [InlineData("specialized", "SPE-1", Lever.MainOver10000, "8000", 5)]
    [InlineData("specialized", "SPE-1", Lever.MainOver10000, "7999.99", 3)]
    [InlineData("specialized", "SPE-1", Lever.MainOver10000, "7000", 3)]
    [InlineData("specialized", "SPE-1", Lever.MainOver10000, "6999.99", 1)]
    [InlineData("specialized", "SPE-1", Lever.MainOver10000, "6000", 1)]
    [InlineData("specialized", "SPE-1", Lever.MainOver10000, "5999.99", 0)]
    // SPE-2 mean growth: >=10% 10; 8–10% 8; 6–8% 6; 4–6% 4; 0–4% 2; <0 0
    [InlineData("specialized", "SPE-2", Lever.MainMeanGrowth, "12000", 10)]
    [InlineData("specialized", "SPE-2", Lever.MainMeanGrowth, "11999.99", 8)]
    [InlineData("specialized", "SPE-2", Lever.MainMeanGrowth, "11600", 8)]
    [InlineData("specialized", "SPE-2", Lever.MainMeanGrowth, "11599.99", 6)]
    [InlineData("specialized", "SPE-2", Lever.MainMeanGrowth, "11200", 6)]
    [InlineData("specialized", "SPE-2", Lever.MainMeanGrowth, "11199.99", 4)]
    [InlineData("specialized", "SPE-2", Lever.MainMeanGrowth, "10800", 4)]
    [InlineData("specialized", "SPE-2", Lever.MainMeanGrowth, "10799.99", 2)]
    [InlineData("specialized", "SPE-2", Lever.MainMeanGrowth, "10000", 2)]
    [InlineData("specialized", "SPE-2", Lever.MainMeanGrowth, "9999.99", 0)]
    // SPE-3 niche years: 1 point per full 2 years, at most 5
    [InlineData("specialized", "SPE-3", Lever.NicheYears, "2", 1)]
    [InlineData("specialized", "SPE-3", Lever.NicheYears, "1.99", 0)]
    [InlineData("specialized", "SPE-3", Lever.NicheYears, "10", 5)]
    [InlineData("specialized", "SPE-3", Lever.NicheYears, "9.99", 4)]
    [InlineData("specialized", "SPE-3", Lever.NicheYears, "30", 5)]
    // SPE-5 digitalisation level: >=3 5; 2 3; 1 or none 0
    [InlineData("specialized", "SPE-5", Lever.DigitalLevel, "4", 5)]
    [InlineData("specialized", "SPE-5", Lever.DigitalLevel, "3", 5)]
    [InlineData("specialized", "SPE-5", Lever.DigitalLevel, "2", 3)]
    [InlineData("specialized", "SPE-5", Lever.DigitalLevel, "1", 0)]
    [InlineData("specialized", "SPE-5", Lever.DigitalLevel, "0", 0)]
    // SPE-7 net margin: >=10% 10; 8–10% 8; 6–8% 6; 4–6% 4; 2–4% 2; <2% 0
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "1000", 10)]
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "999.99", 8)]
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "800", 8)]
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "799.99", 6)]
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "600", 6)]
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "599.99", 4)]
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "400", 4)]
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "399.99", 2)]
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "200", 2)]
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "199.99", 0)]
    [InlineData("specialized", "SPE-7", Lever.ProfitOver10000, "-500", 0)]
    // SPE-8 debt ratio: <50% 5; 50–60% 3; 60–70% 1; >=70% 0
    [InlineData("specialized", "SPE-8", Lever.LiabilitiesOver10000, "4999.99", 5)]
    [InlineData("specialized", "SPE-8", Lever.LiabilitiesOver10000, "5000", 3)]
    [InlineData("specialized", "SPE-8", Lever.LiabilitiesOver10000, "5999.99", 3)]
    [InlineData("specialized", "SPE-8", Lever.LiabilitiesOver10000, "6000", 1)]
    [InlineData("specialized", "SPE-8", Lever.LiabilitiesOver10000, "6999.99", 1)]
    [InlineData("specialized", "SPE-8", Lever.LiabilitiesOver10000, "7000", 0)]
    // SPE-9 regional feature score, 0–15 as given
    [InlineData("specialized", "SPE-9", Lever.RegionalFeatureScore, "15", 15)]
    [InlineData("specialized", "SPE-9", Lever.RegionalFeatureScore, "0", 0)]
    [InlineData("specialized", "SPE-9", Lever.RegionalFeatureScore, "16", 15)]
    [InlineData("specialized", "SPE-9", Lever.RegionalFeatureScore, "-1", 0)]
    // SPE-11 by amount: >=500 10; 400–500 8; 300–400 6; 200–300 4; 100–200 2; else 0
    [InlineData("specialized", "SPE-11", Lever.RdOver100000, "500", 10)]
    [InlineData("specialized", "SPE-11", Lever.RdOver100000, "499.99", 8)]
    [InlineData("specialized", "SPE-11", Lever.RdOver100000, "400", 8)]
    [InlineData("specialized", "SPE-11", Lever.RdOver100000, "399.99", 6)]
    [InlineData("specialized", "SPE-11", Lever.RdOver100000, "300", 6)]
    [InlineData("specialized", "SPE-11", Lever.RdOver100000, "299.99", 4)]
    [InlineData("specialized", "SPE-11", Lever.RdOver100000, "200", 4)]
    [InlineData("specialized", "SPE-11", Lever.RdOver100000, "199.99", 2)]
    [InlineData("specialized", "SPE-11", Lever.RdOver100000, "100", 2)]
    [InlineData("specialized", "SPE-11", Lever.RdOver100000, "99.99", 0)]
    // SPE-11 by intensity: >=10% 10; 8–10% 8; 6–8% 6; 4–6% 4; 3–4% 2; else 0 (amounts here stay below 100 but one)
    [InlineData("specialized", "SPE-11", Lever.RdOver1000, "100", 10)]
    [InlineData("specialized", "SPE-11", Lever.RdOver1000, "99.99", 8)]
    [InlineData("specialized", "SPE-11", Lever.RdOver1000, "80", 8)]
    [InlineData("specialized", "SPE-11", Lever.RdOver1000, "79.99", 6)]
    [InlineData("specialized", "SPE-11", Lever.RdOver1000, "60", 6)]
    [InlineData("specialized", "SPE-11", Lever.RdOver1000, "59.99", 4)]
    [InlineData("specialized", "SPE-11", Lever.RdOver1000, "40", 4)]
    [InlineData("specialized", "SPE-11", Lever.RdOver1000, "39.99", 2)]
    [InlineData("specialized", "SPE-11", Lever.RdOver1000, "30", 2)]
    [InlineData("specialized", "SPE-11", Lever.RdOver1000, "29.99", 0)]
    // SPE-12 R&D staff share: >=20% 5; 10–20% 3; 5–10% 1; <5% 0
    [InlineData("specialized", "SPE-12", Lever.RdStaffOver10000, "2000", 5)]
    [InlineData("specialized", "SPE-12", Lever.RdStaffOver10000, "1999", 3)]
    [InlineData("specialized", "SPE-12", Lever.RdStaffOver10000, "1000", 3)]
    [InlineData("specialized", "SPE-12", Lever.RdStaffOver10000, "999", 1)]
    [InlineData("specialized", "SPE-12", Lever.RdStaffOver10000, "500", 1)]
    [InlineData("specialized", "SPE-12", Lever.RdStaffOver10000, "499", 0)]
    public void Scores_each_side_of_a_band_edge(string tier, string indicator, Lever lever, string value, int points)
    {
        var profile = Apply(TestProfiles.Strong(), lever, decimal.Parse(value, CultureInfo.InvariantCulture));

        var scored = profile.Evaluate(tier).Indicator(indicator);

        scored.Score.Should().Be(points, scored.Reason);
        scored.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_mean_of_non_terminating_growth_rates_that_is_exactly_10_percent_scores_the_top_band()
    {
        // Growth −2/3 then +13/15: neither has a finite decimal expansion, their mean is exactly 0.1.
        var profile = TestProfiles.Strong()
            .WithYear(2023, r => r with { MainBusinessRevenue = 45 })
            .WithYear(2024, r => r with { MainBusinessRevenue = 15 })
            .WithYear(2025, r => r with { MainBusinessRevenue = 28 });

        var spe2 = profile.Evaluate("specialized").Indicator("SPE-2");

        spe2.Score.Should().Be(10);
        spe2.Reason.Should().Be("近2年主营业务收入平均增长率 10.00%（≥10%）");
    }

    [Fact]
    public void The_reason_names_the_deciding_number_and_the_band()
    {
        var profile = Apply(TestProfiles.Strong(), Lever.RdOver10000, 500);

        profile.Evaluate("innovative").Indicator("INN-2").Reason.Should().Be("研发费用占营业收入比重 5.00%（≥5%）");
        Apply(TestProfiles.Strong(), Lever.LiabilitiesOver10000, 5500).Evaluate("innovative").Indicator("INN-4")
            .Reason.Should().Be("资产负债率 55.00%（55–75%）");
    }

    [Theory]
    // INN-1: class I high-value 20; self-developed class I 15; class I 10; class II 5; none 0
    [InlineData("innovative", "INN-1", 1, 0, 0, 0, 20)]
    [InlineData("innovative", "INN-1", 0, 1, 0, 0, 15)]
    [InlineData("innovative", "INN-1", 0, 0, 1, 0, 10)]
    [InlineData("innovative", "INN-1", 0, 0, 0, 1, 5)]
    [InlineData("innovative", "INN-1", 0, 0, 0, 0, 0)]
    [InlineData("innovative", "INN-1", 1, 1, 1, 1, 20)]
    // SPE-10: class I high-value 10; self-developed class I 8; class I 6; class II 2; none 0
    [InlineData("specialized", "SPE-10", 1, 0, 0, 0, 10)]
    [InlineData("specialized", "SPE-10", 0, 1, 0, 0, 8)]
    [InlineData("specialized", "SPE-10", 0, 0, 1, 0, 6)]
    [InlineData("specialized", "SPE-10", 0, 0, 0, 1, 2)]
    [InlineData("specialized", "SPE-10", 0, 0, 0, 0, 0)]
    [InlineData("specialized", "SPE-10", 0, 2, 5, 9, 8)]
    public void Intellectual_property_takes_the_highest_class_held(
        string tier, string indicator, int highValue, int selfDeveloped, int class1, int class2, int points)
    {
        var profile = TestProfiles.Strong() with
        {
            Ip = new IntellectualProperty
            {
                Class1HighValue = highValue, Class1SelfDeveloped = selfDeveloped, Class1 = class1, Class2 = class2,
            },
        };

        profile.Evaluate(tier).Indicator(indicator).Score.Should().Be(points);
    }

    [Theory]
    [InlineData(true, 10)]
    [InlineData(false, 5)]
    public void INN_5_gives_10_for_a_strategic_emerging_field_and_5_otherwise(bool strategicEmerging, int points)
    {
        var profile = TestProfiles.Strong() with { ProductField = new ProductField { StrategicEmerging = strategicEmerging } };

        profile.Evaluate("innovative").Indicator("INN-5").Score.Should().Be(points);
    }

    [Theory]
    [InlineData(SpecializedField.KeyChain, 5)]
    [InlineData(SpecializedField.SixFoundations, 3)]
    [InlineData(SpecializedField.Other, 0)]
    public void SPE_4_scores_the_main_product_field(SpecializedField field, int points)
    {
        var profile = TestProfiles.Strong() with { ProductField = new ProductField { SpecializedField = field } };

        profile.Evaluate("specialized").Indicator("SPE-4").Score.Should().Be(points);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 3)]
    [InlineData(2, 5)]
    [InlineData(4, 5)]
    public void SPE_6_gives_3_per_quality_item_at_most_5(int items, int points)
    {
        var flags = Enumerable.Range(0, 4).Select(i => i < items).ToArray();
        var profile = TestProfiles.Strong() with
        {
            Quality = new QualityRecord
            {
                QualityAwardLast3Years = flags[0], QualitySystemCertified = flags[1], OwnBrand = flags[2],
                StandardsParticipation = flags[3],
            },
        };

        profile.Evaluate("specialized").Indicator("SPE-6").Score.Should().Be(points);
    }

    [Theory]
    [InlineData(RdInstitutionLevel.National, 10)]
    [InlineData(RdInstitutionLevel.Provincial, 8)]
    [InlineData(RdInstitutionLevel.City, 4)]
    [InlineData(RdInstitutionLevel.BelowCity, 2)]
    [InlineData(RdInstitutionLevel.None, 0)]
    public void SPE_13_scores_the_level_of_the_rd_institution(RdInstitutionLevel level, int points)
    {
        var profile = TestProfiles.Strong() with { RdInstitution = level };

        profile.Evaluate("specialized").Indicator("SPE-13").Score.Should().Be(points);
    }

    private static EnterpriseProfile Apply(EnterpriseProfile profile, Lever lever, decimal value) => lever switch
    {
        Lever.RdOver10000 => profile.WithYear(2025, r => r with { OperatingRevenue = 10000, MainBusinessRevenue = 9000, RdExpense = value }),
        Lever.RdOver1000 => profile.WithYear(2025, r => r with { OperatingRevenue = 1000, MainBusinessRevenue = 900, RdExpense = value }),
        Lever.RdOver100000 => profile.WithYear(2025, r => r with { OperatingRevenue = 100000, MainBusinessRevenue = 90000, RdExpense = value }),
        Lever.MainGrowth => profile
            .WithYear(2024, r => r with { MainBusinessRevenue = 10000 })
            .WithYear(2025, r => r with { OperatingRevenue = 100000, MainBusinessRevenue = value }),
        Lever.MainMeanGrowth => profile
            .WithYear(2023, r => r with { MainBusinessRevenue = 10000 })
            .WithYear(2024, r => r with { OperatingRevenue = 100000, MainBusinessRevenue = 10000 })
            .WithYear(2025, r => r with { OperatingRevenue = 100000, MainBusinessRevenue = value }),
        Lever.LiabilitiesOver10000 => profile.WithYear(2025, r => r with { TotalAssets = 10000, TotalLiabilities = value }),
        Lever.MainOver10000 => profile.WithYear(2025, r => r with { OperatingRevenue = 10000, MainBusinessRevenue = value }),
        Lever.ProfitOver10000 => profile.WithYear(2025, r => r with { OperatingRevenue = 10000, MainBusinessRevenue = 9000, NetProfit = value }),
        Lever.RdStaffOver10000 => profile with { Employees = 10000, RdStaff = (int)value },
        Lever.DigitalLevel => profile with { DigitalLevel = (int)value },
        Lever.NicheYears => profile with { NicheMarketYears = value },
        Lever.RegionalFeatureScore => profile with { RegionalFeatureScore = value },
        _ => throw new ArgumentOutOfRangeException(nameof(lever)),
    };
}
