using System.Text.Json.Nodes;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

/// <summary>Thresholds, bands, tiers and province overlays change through data only.</summary>
public class CriteriaAsDataTests
{
    private static readonly CriteriaCatalog BuiltIn = CriteriaCatalog.LoadBuiltIn();

    /// <summary>A modified copy of criteria/miit-2022.json under another version id.</summary>
    private static CriteriaSet ModifiedCopy(string version, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(RepoFiles.CriteriaFile("miit-2022")))!.AsObject();
        root["version"] = version;
        change(root);
        return CriteriaCatalog.Load(root.ToJsonString()).Get(version);
    }

    private static JsonObject Indicator(JsonObject root, string tier, string code)
        => root["tiers"]!.AsArray().Single(t => (string?)t!["code"] == tier)!["score"]!["indicators"]!.AsArray()
            .Single(i => (string?)i!["code"] == code)!.AsObject();

    [Fact]
    public void A_changed_threshold_changes_the_score()
    {
        var stricter = ModifiedCopy("test-stricter", root =>
        {
            var bands = Indicator(root, "innovative", "INN-2")["bands"]!.AsArray();
            bands[0]!["from"] = 0.06m;
            bands[1]!["to"] = 0.06m;
        });
        var profile = TestProfiles.Strong().WithYear(2025, r => r with { OperatingRevenue = 10000, RdExpense = 500 });

        profile.Evaluate("innovative").Indicator("INN-2").Score.Should().Be(20);
        var result = profile.Evaluate("innovative", stricter);
        result.Indicator("INN-2").Score.Should().Be(15);
        result.Indicator("INN-2").Reason.Should().Be("研发费用占营业收入比重 5.00%（3–6%）");
        result.CriteriaVersion.Should().Be("test-stricter");
    }

    [Fact]
    public void An_added_band_scores()
    {
        var withLevel1 = ModifiedCopy("test-level1", root =>
        {
            var bands = Indicator(root, "specialized", "SPE-5")["bands"]!.AsArray();
            bands[2]!["to"] = 1;
            bands.Insert(2, JsonNode.Parse("""{"from": 1, "to": 2, "points": 1}"""));
        });
        var profile = TestProfiles.Strong() with { DigitalLevel = 1 };

        profile.Evaluate("specialized").Indicator("SPE-5").Score.Should().Be(0);
        profile.Evaluate("specialized", withLevel1).Indicator("SPE-5").Score.Should().Be(1);
        (profile with { DigitalLevel = 0 }).Evaluate("specialized", withLevel1).Indicator("SPE-5").Score.Should().Be(0);
    }

    private const string ZhejiangOverlay = """
        {
          "version": "zj-2024",
          "extends": "miit-2022",
          "title": "浙江省专精特新中小企业认定（示例叠加）",
          "region": "33",
          "tiers": [
            {
              "code": "specialized",
              "score": {
                "indicators": [
                  {
                    "code": "SPE-9",
                    "replaceWith": [
                      {
                        "code": "ZJ-1", "dimension": "distinctiveness", "name": "数字化车间或智能工厂", "max": 10,
                        "measure": "regionalData.smartFactory", "label": "省级数字化车间/智能工厂",
                        "bands": [{ "from": 1, "points": 10 }]
                      },
                      {
                        "code": "ZJ-2", "dimension": "distinctiveness", "name": "亩均税收", "max": 5,
                        "measure": "regionalData.taxPerMu", "label": "亩均税收（万元）",
                        "bands": [{ "from": 30, "points": 5 }, { "from": 20, "to": 30, "points": 3 }]
                      }
                    ]
                  }
                ]
              }
            }
          ]
        }
        """;

    [Fact]
    public void A_province_overlay_replaces_SPE_9_with_its_own_indicators()
    {
        var zhejiang = BuiltIn.With(ZhejiangOverlay).Get("zj-2024");
        var profile = TestProfiles.Strong() with
        {
            RegionalData = new Dictionary<string, decimal?> { ["smartFactory"] = 1, ["taxPerMu"] = 25 },
        };

        var national = profile.Evaluate("specialized");
        var provincial = profile.Evaluate("specialized", zhejiang);

        national.Indicators.Select(i => i.Code).Should().Contain("SPE-9");
        provincial.Indicators.Select(i => i.Code).Should().Equal(
            "SPE-1", "SPE-2", "SPE-3", "SPE-4", "SPE-5", "SPE-6", "SPE-7", "SPE-8", "ZJ-1", "ZJ-2",
            "SPE-10", "SPE-11", "SPE-12", "SPE-13");
        provincial.Indicator("ZJ-1").Score.Should().Be(10);
        provincial.Indicator("ZJ-2").Score.Should().Be(3);
        provincial.Indicator("ZJ-2").Reason.Should().Be("亩均税收（万元） 25（20–30）");
        provincial.Dimensions.Single(d => d.Code == "distinctiveness").Should().Be(new DimensionScore("distinctiveness", 13, 15));
        provincial.TotalScore.Should().Be(national.TotalScore - 10 + 13);
        provincial.CriteriaVersion.Should().Be("zj-2024");
        zhejiang.Definition.Region.Should().Be("33");
    }

    [Fact]
    public void Without_the_province_data_the_overlay_indicators_score_zero_with_a_reason()
    {
        var zhejiang = BuiltIn.With(ZhejiangOverlay).Get("zj-2024");

        var result = TestProfiles.Strong().Evaluate("specialized", zhejiang);

        result.Indicator("ZJ-1").Score.Should().Be(0);
        result.Indicator("ZJ-1").Reason.Should().Be("缺少地方特色化数据“smartFactory”");
    }

    [Fact]
    public void An_overlay_can_switch_the_specialized_ladder_off()
    {
        var noLadder = BuiltIn.With("""
            { "version": "gd-2024", "extends": "miit-2022",
              "tiers": [ { "code": "specialized", "prerequisite": { "enforced": false } } ] }
            """).Get("gd-2024");
        var profile = TestProfiles.Strong() with { Titles = [] };

        profile.Evaluate("specialized").FailedCodes().Should().Equal("PREREQ");
        var result = profile.Evaluate("specialized", noLadder);
        result.Eligible.Should().BeTrue();
        result.Conditions.Should().NotContain(c => c.Code == "PREREQ");
        profile.Evaluate("little-giant", noLadder).FailedCodes().Should().Equal(["PREREQ"], "only specialized changed");
    }

    [Fact]
    public void An_overlay_can_change_a_condition_threshold_by_code_and_overlays_can_stack()
    {
        var catalog = BuiltIn.With(
            """{ "version": "sx-2024", "extends": "miit-2022", "tiers": [ { "code": "specialized", "hardConditions": [ { "code": "SPE-C1", "value": 7 } ] } ] }""",
            """{ "version": "sx-2025", "extends": "sx-2024", "tiers": [ { "code": "specialized", "score": { "passTotal": 90 } } ] }""");
        var profile = TestProfiles.Strong(); // 6 niche years, score 87

        profile.Evaluate("specialized").Eligible.Should().BeTrue();
        var v2024 = profile.Evaluate("specialized", catalog.Get("sx-2024"));
        v2024.FailedCodes().Should().Equal("SPE-C1");
        v2024.Failed.Single().Reason.Should().Be("从事特定细分市场年限 6年（<7年）");

        var v2025 = (profile with { NicheMarketYears = 8 }).Evaluate("specialized", catalog.Get("sx-2025"));
        v2025.FailedCodes().Should().Equal("SCORE");
        v2025.Failed.Single().Reason.Should().StartWith("总分 88分（<90分）");
    }

    [Fact]
    public void A_new_tier_is_data()
    {
        var withSeed = BuiltIn.With("""
            {
              "version": "hz-2024", "extends": "miit-2022",
              "tiers": [
                {
                  "code": "seed", "name": "专精特新种子企业", "validityYears": 2,
                  "prerequisite": { "tier": "innovative" },
                  "hardConditions": [
                    { "code": "SEED-1", "name": "上年度研发费用不低于50万元", "measure": "rdExpense", "op": ">=", "value": 50 }
                  ]
                }
              ]
            }
            """).Get("hz-2024");

        var result = TestProfiles.Strong().Evaluate("seed", withSeed);

        result.Eligible.Should().BeTrue();
        result.Route.Should().Be(EvaluationRoute.Conditions);
        result.Conditions.Select(c => c.Code).Should().Equal("G1", "G2", "G3", "G4", "G5", "PREREQ", "SEED-1");
        withSeed.Tiers.Select(t => t.Code).Should().Equal("innovative", "specialized", "little-giant", "seed");
        var act = () => TestProfiles.Strong().Evaluate("seed");
        act.Should().Throw<UnknownTierException>();
    }

    [Fact]
    public void The_resolved_json_of_a_version_loads_back_to_the_same_rules()
    {
        var zhejiang = BuiltIn.With(ZhejiangOverlay).Get("zj-2024");
        var reloaded = CriteriaCatalog.Load(zhejiang.ResolvedJson).Get("zj-2024");
        var profile = TestProfiles.Strong() with { RegionalData = new Dictionary<string, decimal?> { ["taxPerMu"] = 40 } };

        profile.Evaluate("specialized", reloaded).Should().BeEquivalentTo(profile.Evaluate("specialized", zhejiang));
    }
}
