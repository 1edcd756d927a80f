using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

/// <summary>Profiles and evaluations in the JSON shapes of CRITERIA.md.</summary>
public class JsonShapeTests
{
    private const string DocumentedProfile = """
        {
          "creditCode": "91330106MA2B123456", "name": "示例精密机械有限公司", "regionCode": "330106",
          "isSme": true, "independentLegalPerson": true,
          "compliance": { "abnormalOperationList": false, "seriousDishonestyList": false,
                          "prohibitedProducts": false, "majorIncidentLast3Years": false },
          "financials": [
            { "year": 2025, "operatingRevenue": 15000, "mainBusinessRevenue": 13500, "rdExpense": 900,
              "netProfit": 1200, "totalAssets": 20000, "totalLiabilities": 9000 },
            { "year": 2024, "operatingRevenue": 13000, "mainBusinessRevenue": 11800, "rdExpense": 700,
              "netProfit": 1000, "totalAssets": 18000, "totalLiabilities": 8500 },
            { "year": 2023, "operatingRevenue": 11000, "mainBusinessRevenue": 10000, "rdExpense": 600,
              "netProfit": 800, "totalAssets": 16000, "totalLiabilities": 8000 } ],
          "equityFinancing": { "last2Years": 0, "last3Years": 0 },
          "nicheMarketYears": 6, "employees": 180, "rdStaff": 30,
          "ip": { "class1HighValue": 0, "class1SelfDeveloped": 3, "class1": 3, "class2": 8,
                  "class1AppliedWithBenefit": 2 },
          "rdInstitution": "provincial",
          "digitalLevel": 2,
          "quality": { "qualityAwardLast3Years": false, "qualitySystemCertified": true, "ownBrand": true,
                       "standardsParticipation": false },
          "productField": { "strategicEmerging": true, "specializedField": "six-foundations",
                            "littleGiantKeyField": true },
          "awards": { "nationalRank": null, "provincialRank": 2 },
          "honors": { "highTechEnterprise": true, "nationalTechInnovationDemo": false, "ipAdvantageOrDemo": false },
          "makerChina": null,
          "littleGiant": { "nationalMarketShare": 12.0, "coreBusinessInfoSystem": true,
                           "managementOrProductCertification": true, "keyChainLink": true },
          "regionalFeatureScore": 10,
          "titles": [ { "tier": "innovative", "validUntil": "2027-05-01" } ]
        }
        """;

    [Fact]
    public void The_documented_profile_reads_completely()
    {
        var profile = JsonSerializer.Deserialize<EnterpriseProfile>(DocumentedProfile, CriteriaJson.Options)!;

        profile.Financials.Should().HaveCount(3);
        profile.Financials![0]!.RdExpense.Should().Be(900m);
        profile.RdInstitution.Should().Be(RdInstitutionLevel.Provincial);
        profile.ProductField!.SpecializedField.Should().Be(SpecializedField.SixFoundations);
        profile.Awards!.ProvincialRank.Should().Be(2);
        profile.Awards.NationalRank.Should().BeNull();
        profile.LittleGiant!.NationalMarketShare.Should().Be(12.0m);
        profile.Titles!.Single()!.ValidUntil.Should().Be(new DateOnly(2027, 5, 1));

        var written = JsonNode.Parse(JsonSerializer.Serialize(profile, CriteriaJson.Options))!;
        written["rdInstitution"]!.GetValue<string>().Should().Be("provincial");
        written["productField"]!["specializedField"]!.GetValue<string>().Should().Be("six-foundations");
    }

    [Theory]
    [InlineData("top500", MakerChinaRank.Top500)]
    [InlineData("top50", MakerChinaRank.Top50)]
    public void Maker_china_ranks_read_as_written(string json, MakerChinaRank rank)
        => JsonSerializer.Deserialize<EnterpriseProfile>($$"""{ "makerChina": "{{json}}" }""", CriteriaJson.Options)!
            .MakerChina.Should().Be(rank);

    [Theory]
    [InlineData("""{ "rdInstitution": "county" }""")]
    [InlineData("""{ "rdInstitution": 3 }""")]
    [InlineData("""{ "financials": [ { "rdExpense": "lots" } ] }""")]
    public void Unknown_enum_values_and_non_numbers_are_refused_when_reading(string json)
    {
        var act = () => JsonSerializer.Deserialize<EnterpriseProfile>(json, CriteriaJson.Options);

        act.Should().Throw<JsonException>();
    }

    [Fact]
    public void Property_names_are_read_case_insensitively_and_numbers_may_be_strings()
    {
        var profile = JsonSerializer.Deserialize<EnterpriseProfile>(
            """{ "IsSme": true, "financials": [ { "year": 2025, "rdExpense": "12.50" } ] }""", CriteriaJson.Options)!;

        profile.IsSme.Should().BeTrue();
        profile.Financials![0]!.RdExpense.Should().Be(12.50m);
    }

    [Fact]
    public void An_evaluation_writes_the_documented_shape()
    {
        var profile = JsonSerializer.Deserialize<EnterpriseProfile>(DocumentedProfile, CriteriaJson.Options)!;
        var evaluation = CriteriaEvaluator.Evaluate(TestProfiles.Miit, "specialized", profile, new DateOnly(2026, 6, 30));

        var json = JsonSerializer.Serialize(evaluation, CriteriaJson.Options);
        var node = JsonNode.Parse(json)!.AsObject();

        node.Select(p => p.Key).Should().Equal(
            "tier", "criteriaVersion", "eligible", "route", "totalScore", "dimensions", "indicators", "failed",
            "directConditions", "conditions");
        node["tier"]!.GetValue<string>().Should().Be("specialized");
        node["criteriaVersion"]!.GetValue<string>().Should().Be("miit-2022");
        node["route"]!.GetValue<string>().Should().Be("direct");
        node["directConditions"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("SPE-D1");
        node["dimensions"]![0]!.AsObject().Select(p => p.Key).Should().Equal("code", "score", "max");
        node["indicators"]![0]!.AsObject().Select(p => p.Key).Should().Equal("code", "name", "score", "max", "reason");
        node["conditions"]![0]!.AsObject().Select(p => p.Key).Should().Equal("code", "passed", "reason");
        json.Should().Contain("\"totalScore\":" + evaluation.TotalScore + ",");
        json.Should().Contain("主营业务收入占比 90.00%", "Chinese is written as is");
    }

    [Fact]
    public void Scores_are_written_without_trailing_zeros_and_a_null_route_is_written()
    {
        var evaluation = new Evaluation("little-giant", "miit-2022", false, null, null,
            [new DimensionScore("x", 18.00m, 25.0m)], [], [new FailedCondition("LG-1", "…")], [], []);

        var json = JsonSerializer.Serialize(evaluation, CriteriaJson.Options);

        json.Should().Contain("\"route\":null").And.Contain("\"totalScore\":null")
            .And.Contain("\"score\":18,").And.Contain("\"max\":25}");
    }

    [Fact]
    public void An_evaluation_reads_back_equal()
    {
        var evaluation = TestProfiles.Strong().Evaluate("innovative");

        var back = JsonSerializer.Deserialize<Evaluation>(JsonSerializer.Serialize(evaluation, CriteriaJson.Options),
            CriteriaJson.Options)!;

        back.Should().BeEquivalentTo(evaluation);
        back.Route.Should().Be(EvaluationRoute.Score);
    }
}
