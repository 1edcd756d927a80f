using System.Text.Json.Nodes;
using Certification.Domain.Criteria;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

/// <summary>A wrong criteria file fails at load, naming the file and the place in it.</summary>
public class CriteriaDefinitionTests
{
    private static string Miit => File.ReadAllText(RepoFiles.CriteriaFile("miit-2022"));

    private static string Modified(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Miit)!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static JsonObject Tier(JsonObject root, int index) => root["tiers"]![index]!.AsObject();

    private static CriteriaDefinitionException LoadFails(params string[] texts)
    {
        var act = () => CriteriaCatalog.Load(texts);
        return act.Should().Throw<CriteriaDefinitionException>().Which;
    }

    public static TheoryData<string, string, string> BrokenFiles() => new()
    {
        {
            "unknown measure",
            Modified(r => Tier(r, 0)["directConditions"]![3]!["measure"] = "equityFinancing.last4Years"),
            "$.tiers[0].directConditions[3].measure"
        },
        {
            "misspelt property",
            Modified(r => Tier(r, 0)["score"]!["indicators"]![1]!["bands"]![0]!.AsObject().Add("form", 0.05)),
            "$.tiers[0].score.indicators[1].bands[0]"
        },
        {
            "points above the indicator maximum",
            Modified(r => Tier(r, 0)["score"]!["indicators"]![1]!["bands"]![0]!["points"] = 25),
            "$.tiers[0].score.indicators[1].bands[0].points"
        },
        {
            "dimension maximum not the sum of its indicators",
            Modified(r => Tier(r, 1)["score"]!["dimensions"]![2]!["max"] = 20),
            "$.tiers[1].score.dimensions[2].max"
        },
        {
            "ordering operator on a yes/no measure",
            Modified(r => r["generalConditions"]![0]!["op"] = ">="),
            "$.generalConditions[0].op"
        },
        {
            "choice value that does not exist",
            Modified(r => Tier(r, 0)["directConditions"]![2]!["values"]![0] = "provincal"),
            "$.tiers[0].directConditions[2].values[0]"
        },
        {
            "overlapping bands",
            Modified(r => Tier(r, 0)["score"]!["indicators"]![1]!["bands"]![1]!["to"] = 0.06),
            "$.tiers[0].score.indicators[1].bands[1]"
        },
        {
            "unknown prerequisite tier",
            Modified(r => Tier(r, 1)["prerequisite"]!["tier"] = "innovation"),
            "$.tiers[1].prerequisite.tier"
        },
        {
            "duplicate code",
            Modified(r => Tier(r, 1)["hardConditions"]![1]!["code"] = "SPE-C1"),
            "$.tiers[1].hardConditions[1].code"
        },
        {
            "yearOffset on a measure that is not yearly",
            Modified(r => Tier(r, 1)["hardConditions"]![0]!["yearOffset"] = 1),
            "$.tiers[1].hardConditions[0].yearOffset"
        },
        {
            "text where a number belongs",
            Modified(r => Tier(r, 0)["score"]!["passTotal"] = "sixty"),
            "$.tiers[0].score.passTotal"
        },
        {
            "condition with two kinds",
            Modified(r => r["generalConditions"]![0]!.AsObject().Add("all", new JsonArray())),
            "$.generalConditions[0]"
        },
        { "not JSON", "{ \"version\": \"x\", ", "$" },
        { "no version", "{ \"tiers\": [] }", "$.version" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_broken_file_is_refused_with_its_path(string what, string json, string path)
    {
        var error = LoadFails(json);

        error.Path.Should().StartWith(path, what);
        error.SourceName.Should().Be("text[0]");
        error.Message.Should().Contain(error.Path);
    }

    [Fact]
    public void Extending_an_unknown_version_is_refused()
        => LoadFails("""{ "version": "a", "extends": "nowhere" }""").Path.Should().Be("$.extends");

    [Fact]
    public void A_cycle_of_extends_is_refused()
        => LoadFails("""{ "version": "a", "extends": "b" }""", """{ "version": "b", "extends": "a" }""")
            .Detail.Should().Contain("循环");

    [Fact]
    public void A_version_defined_twice_is_refused()
    {
        var act = () => CriteriaCatalog.LoadBuiltIn().With(Miit);

        act.Should().Throw<CriteriaDefinitionException>().Which.Detail.Should().Contain("miit-2022");
    }

    [Fact]
    public void Removing_what_the_base_does_not_have_is_refused()
    {
        var act = () => CriteriaCatalog.LoadBuiltIn().With(
            """{ "version": "x", "extends": "miit-2022", "tiers": [ { "code": "specialized", "hardConditions": [ { "code": "SPE-C9", "remove": true } ] } ] }""");

        act.Should().Throw<CriteriaDefinitionException>().Which.Path.Should().Be("$.tiers[0].hardConditions[0]");
    }

    [Fact]
    public void An_overlay_breaking_the_merged_rules_names_the_version_it_was_merged_onto()
    {
        // Removing SPE-9 alone leaves the distinctiveness dimension without indicators.
        var act = () => CriteriaCatalog.LoadBuiltIn().With(
            """{ "version": "x", "extends": "miit-2022", "tiers": [ { "code": "specialized", "score": { "indicators": [ { "code": "SPE-9", "remove": true } ] } } ] }""");

        var error = act.Should().Throw<CriteriaDefinitionException>().Which;
        error.SourceName.Should().Contain("miit-2022");
        error.Path.Should().Be("$.tiers[1].score.dimensions[2].max");
    }
}
