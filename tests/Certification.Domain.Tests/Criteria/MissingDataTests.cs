using System.Text.Json;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

/// <summary>Missing data never crashes and never passes; the reason says what is missing.</summary>
public class MissingDataTests
{
    public static TheoryData<string> Tiers() => ["innovative", "specialized", "little-giant"];

    [Theory]
    [MemberData(nameof(Tiers))]
    public void An_empty_profile_is_evaluated_and_fails_with_reasons(string tier)
    {
        var profile = JsonSerializer.Deserialize<EnterpriseProfile>("{}", CriteriaJson.Options)!;

        var result = profile.Evaluate(tier);

        result.Eligible.Should().BeFalse();
        result.Route.Should().BeNull();
        result.Failed.Should().NotBeEmpty().And.OnlyContain(f => f.Reason.Length > 0);
        result.FailedCodes().Should().Contain(["G1", "G2", "G3", "G4", "G5"]);
        result.Condition("G1").Reason.Should().Contain("缺少");
        if (tier != "little-giant")
        {
            result.TotalScore.Should().Be(0);
            result.Indicators.Should().OnlyContain(i => i.Score == 0 && i.Reason.Contains("缺少"));
        }
    }

    [Fact]
    public void Missing_revenue_says_so()
    {
        var profile = TestProfiles.Strong().WithYear(2025, r => r with { OperatingRevenue = null });

        var result = profile.Evaluate("innovative");

        result.Indicator("INN-2").Score.Should().Be(0);
        result.Indicator("INN-2").Reason.Should().Be("缺少上年度（2025年）营业收入数据");
    }

    [Fact]
    public void Without_financials_the_reason_speaks_of_last_year()
        => (TestProfiles.Strong() with { Financials = [] }).Evaluate("innovative").Indicator("INN-2")
            .Reason.Should().Be("缺少上年度研发费用数据");

    [Fact]
    public void Zero_revenue_is_missing_data_not_a_division_by_zero()
    {
        var profile = TestProfiles.Strong().WithYear(2025, r => r with { OperatingRevenue = 0 });

        var innovative = profile.Evaluate("innovative");
        var specialized = profile.Evaluate("specialized");

        innovative.Indicator("INN-2").Score.Should().Be(0);
        innovative.Indicator("INN-2").Reason.Should().Contain("营业收入为0");
        innovative.Indicator("INN-6").Score.Should().Be(0);
        specialized.Indicator("SPE-7").Score.Should().Be(0);
        specialized.FailedCodes().Should().Contain("SPE-C2");
        specialized.Failed.Single(f => f.Code == "SPE-C2").Reason.Should().Contain("营业收入为0");
    }

    [Fact]
    public void Zero_previous_main_business_revenue_makes_growth_missing()
    {
        var profile = TestProfiles.Strong().WithYear(2024, r => r with { MainBusinessRevenue = 0 });

        var result = profile.Evaluate("innovative");

        result.Indicator("INN-3").Score.Should().Be(0);
        result.Indicator("INN-3").Reason.Should().Be("2024年度主营业务收入为0，无法计算增长率");
    }

    [Fact]
    public void A_missing_year_fails_what_needs_it_and_nothing_else()
    {
        var profile = TestProfiles.Strong() with
        {
            Financials = TestProfiles.Strong().Financials!.Where(r => r!.Year != 2024).ToList(),
        };

        var specialized = profile.Evaluate("specialized");
        var littleGiant = profile.Evaluate("little-giant");

        specialized.Indicator("SPE-2").Reason.Should().Be("缺少2024年度财务数据");
        specialized.Indicator("SPE-1").Score.Should().Be(5, "last year is there");
        specialized.Condition("SPE-D2").Passed.Should().BeFalse();
        littleGiant.FailedCodes().Should().BeEquivalentTo("LG-1", "LG-4");
        littleGiant.Failed.Should().OnlyContain(f => f.Reason.Contains("缺少2024年度财务数据"));
    }

    [Fact]
    public void Only_two_years_leave_the_two_year_mean_growth_missing()
    {
        var profile = TestProfiles.Strong() with
        {
            Financials = TestProfiles.Strong().Financials!.Where(r => r!.Year != 2023).ToList(),
        };

        profile.Evaluate("specialized").Indicator("SPE-2").Reason.Should().Be("缺少2023年度财务数据");
        profile.Evaluate("innovative").Indicator("INN-3").Score.Should().Be(15, "one growth rate needs two years only");
    }

    [Fact]
    public void Rows_without_a_year_null_rows_and_duplicates_do_not_crash()
    {
        var profile = TestProfiles.Strong() with
        {
            Financials =
            [
                null,
                new FinancialYear { OperatingRevenue = 5 },
                .. TestProfiles.Strong().Financials!,
                TestProfiles.Year(2025, 1, 1, 1, 1, 1, 1),
            ],
            Titles = [null, new HeldTitle(), new HeldTitle { Tier = "innovative", ValidUntil = new DateOnly(2027, 1, 1) }],
        };

        var result = profile.Evaluate("specialized");

        result.Eligible.Should().BeTrue("the first row of a year counts, rows without a year are ignored");
        result.TotalScore.Should().Be(87);
    }

    [Fact]
    public void Missing_employees_leave_the_rd_staff_share_missing()
    {
        var result = (TestProfiles.Strong() with { Employees = null }).Evaluate("specialized");

        result.Indicator("SPE-12").Reason.Should().Be("缺少职工总数数据");
        (TestProfiles.Strong() with { Employees = 0, RdStaff = 0 }).Evaluate("specialized")
            .Indicator("SPE-12").Reason.Should().Be("职工总数为0，无法计算研发人员占比");
    }

    [Fact]
    public void Missing_nested_sections_are_missing_data()
    {
        var profile = TestProfiles.Strong() with
        {
            Compliance = null, Quality = null, LittleGiant = null, Ip = null, ProductField = null, Honors = null,
        };

        var result = profile.Evaluate("little-giant");

        result.FailedCodes().Should().BeEquivalentTo("G3", "G4", "G5", "LG-2", "LG-3", "LG-4", "LG-5", "LG-6");
        result.Failed.Should().OnlyContain(f => f.Reason.Contains("缺少"));
    }

    [Fact]
    public void Extreme_amounts_do_not_throw()
    {
        var profile = TestProfiles.Strong()
            .WithYear(2025, r => r with { OperatingRevenue = decimal.MaxValue, MainBusinessRevenue = decimal.MaxValue, RdExpense = decimal.MaxValue })
            .WithYear(2024, r => r with { MainBusinessRevenue = 0.0000001m, RdExpense = decimal.MaxValue });

        foreach (var tier in new[] { "innovative", "specialized", "little-giant" })
        {
            var act = () => profile.Evaluate(tier);
            act.Should().NotThrow();
        }
    }

    [Fact]
    public void An_unknown_tier_is_the_only_thing_that_throws_and_lists_the_known_tiers()
    {
        var act = () => new EnterpriseProfile().Evaluate("champion");

        act.Should().Throw<UnknownTierException>()
            .Which.Message.Should().Contain("champion").And.Contain("innovative").And.Contain("specialized")
            .And.Contain("little-giant");
    }
}
