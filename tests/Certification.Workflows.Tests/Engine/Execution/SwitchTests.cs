using System.Text.Json.Nodes;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Execution;

public class SwitchTests
{
    private readonly Harness _h = new();

    private IReadOnlyList<string> Run(string? mode, int score, bool wrapCases = false)
    {
        var cases = new JsonArray(
            new JsonObject { ["label"] = "High", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "variables.Score >= 80" } },
            new JsonObject { ["label"] = "Pass", ["condition"] = "variables.Score >= 60" },
            new JsonObject { ["label"] = "Always", ["condition"] = new JsonObject { ["type"] = "Literal", ["value"] = score >= 0 && mode == "MatchAny" && score > 1000 } });
        var inputs = new List<(string, object?)> { ("cases", wrapCases ? Wrap("Object", cases.ToJsonString()) : cases) };
        if (mode is not null) inputs.Add(("mode", Literal(mode, "String")));
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("sw", "Elsa.FlowSwitch", [.. inputs]),
             Activity("high", "Elsa.End"), Activity("pass", "Elsa.End"), Activity("always", "Elsa.End"), Activity("other", "Elsa.End")],
            [Connect("start", "sw"), Connect("sw", "high", "High"), Connect("sw", "pass", "Pass"), Connect("sw", "always", "Always"), Connect("sw", "other", "Default")],
            [Variable("Score", "Int32", score.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        return _h.Start(wf).ExecutedActivityIds.Skip(2).ToList();
    }

    [Fact]
    public void MatchFirst_takes_the_first_true_case() => Run("MatchFirst", 90).Should().Equal("high");

    [Fact]
    public void MatchFirst_is_the_default_mode() => Run(null, 90).Should().Equal("high");

    [Fact]
    public void MatchAny_takes_every_true_case() => Run("MatchAny", 90).Should().Equal("high", "pass");

    [Fact]
    public void Default_when_no_case_matches()
    {
        Run("MatchFirst", 10).Should().Equal("other");
        Run("MatchAny", 10).Should().Equal("other");
    }

    [Fact]
    public void Cases_may_be_wrapped_as_an_Object_expression() => Run("MatchFirst", 70, wrapCases: true).Should().Equal("pass");
}
