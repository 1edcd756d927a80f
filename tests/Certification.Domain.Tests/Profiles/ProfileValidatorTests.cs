using System.Text.Json;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Profiles;

public class ProfileValidatorTests
{
    [Fact]
    public void A_sound_profile_and_an_empty_one_have_no_errors()
    {
        ProfileValidator.Validate(TestProfiles.Strong()).Should().BeEmpty();
        ProfileValidator.Validate(new EnterpriseProfile()).Should().BeEmpty("missing data is for the evaluation to judge");
    }

    [Fact]
    public void The_worked_case_profiles_pass_by_default_but_not_the_credit_code_check()
    {
        var cases = JsonDocument.Parse(File.ReadAllText(RepoFiles.CasesFile)).RootElement.EnumerateArray()
            .Select(c => c.GetProperty("profile").Deserialize<EnterpriseProfile>(CriteriaJson.Options)!)
            .ToList();

        cases.Should().OnlyContain(p => ProfileValidator.Validate(p, ProfileChecks.Default).Count == 0);
        cases.Should().OnlyContain(p => ProfileValidator.Validate(p, ProfileChecks.All)
            .Single().Field == "creditCode");
        ProfileValidator.Validate(cases[0], ProfileChecks.CreditCode).Single().Message.Should().Contain("校验码");
    }

    public static TheoryData<string, EnterpriseProfile> Invalid() => new()
    {
        { "financials[1].rdExpense", TestProfiles.Strong().WithYear(2024, r => r with { RdExpense = -0.01m }) },
        { "financials[0].operatingRevenue", TestProfiles.Strong().WithYear(2025, r => r with { OperatingRevenue = -1 }) },
        { "financials[2].totalAssets", TestProfiles.Strong().WithYear(2023, r => r with { TotalAssets = -1 }) },
        { "financials[0].mainBusinessRevenue", TestProfiles.Strong().WithYear(2025, r => r with { MainBusinessRevenue = 20000.01m }) },
        { "financials[0].year", TestProfiles.Strong().WithYear(2025, r => r with { Year = 1948 }) },
        { "financials[0].year", TestProfiles.Strong().WithYear(2025, r => r with { Year = 2101 }) },
        { "financials[1].year", TestProfiles.Strong().WithYear(2024, r => r with { Year = 2025 }) },
        { "financials[0].year", TestProfiles.Strong().WithYear(2025, r => r with { Year = null }) },
        { "financials[0]", TestProfiles.Strong() with { Financials = [null] } },
        { "equityFinancing.last2Years", TestProfiles.Strong() with { EquityFinancing = new EquityFinancing { Last2Years = -5 } } },
        { "nicheMarketYears", TestProfiles.Strong() with { NicheMarketYears = -1 } },
        { "employees", TestProfiles.Strong() with { Employees = -1, RdStaff = null } },
        { "rdStaff", TestProfiles.Strong() with { Employees = 10, RdStaff = 11 } },
        { "ip.class2", TestProfiles.Strong() with { Ip = new IntellectualProperty { Class2 = -1 } } },
        { "digitalLevel", TestProfiles.Strong() with { DigitalLevel = 5 } },
        { "digitalLevel", TestProfiles.Strong() with { DigitalLevel = -1 } },
        { "regionalFeatureScore", TestProfiles.Strong() with { RegionalFeatureScore = 15.01m } },
        { "regionalFeatureScore", TestProfiles.Strong() with { RegionalFeatureScore = -0.01m } },
        { "littleGiant.nationalMarketShare", TestProfiles.Strong() with { LittleGiant = new LittleGiantFacts { NationalMarketShare = 100.01m } } },
        { "awards.nationalRank", TestProfiles.Strong() with { Awards = new AwardRanks { NationalRank = 0 } } },
        { "creditCode", TestProfiles.Strong() with { CreditCode = "91330106ma2b123456" } },
        { "creditCode", TestProfiles.Strong() with { CreditCode = "9133010" } },
        { "regionCode", TestProfiles.Strong() with { RegionCode = "33010" } },
        { "regionCode", TestProfiles.Strong() with { RegionCode = "990106" } },
        { "rdInstitution", TestProfiles.Strong() with { RdInstitution = (RdInstitutionLevel)42 } },
        { "titles[0].validUntil", TestProfiles.Strong() with { Titles = [new HeldTitle { Tier = "innovative" }] } },
        { "titles[0].tier", TestProfiles.Strong() with { Titles = [new HeldTitle { ValidUntil = new DateOnly(2027, 1, 1) }] } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Out_of_range_input_is_reported_by_field(string field, EnterpriseProfile profile)
    {
        var errors = ProfileValidator.Validate(profile);

        errors.Should().ContainSingle().Which.Field.Should().Be(field);
        errors.Single().Message.Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}", "messages are Chinese");
    }

    [Fact]
    public void Bounds_themselves_are_accepted()
    {
        var profile = TestProfiles.Strong().WithYear(2025, r => r with { Year = 2100 }).WithYear(2023, r => r with { Year = 1949 })
            with
            {
                DigitalLevel = 4, RegionalFeatureScore = 15, Employees = 40, RdStaff = 40,
                LittleGiant = new LittleGiantFacts { NationalMarketShare = 100 },
            };

        ProfileValidator.Validate(profile).Should().BeEmpty();
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        var profile = TestProfiles.Strong().WithYear(2024, r => r with { RdExpense = -1, TotalLiabilities = -1 })
            with { DigitalLevel = 9 };

        ProfileValidator.Validate(profile).Select(e => e.Field).Should().BeEquivalentTo(
            "financials[1].rdExpense", "financials[1].totalLiabilities", "digitalLevel");
    }
}
