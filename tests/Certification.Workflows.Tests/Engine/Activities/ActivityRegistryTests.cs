using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;

namespace Certification.Workflows.Tests.Engine.Activities;

[Activity("Test.Ping", DisplayName = "Ping", Category = "Test")]
[ActivityInput("times", "Int32", Required = true)]
[ActivityOutcomes("Pong")]
public sealed class PingActivity : IActivity
{
    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete("Pong");
        return ValueTask.CompletedTask;
    }
}

public class ActivityRegistryTests
{
    [Fact]
    public void Discovers_builtin_and_certification_activities()
    {
        var types = ActivityRegistry.Default.Describe().Select(d => d.TypeName).ToList();
        types.Should().Contain([
            "Elsa.Start", "Elsa.End", "Elsa.Finish", "Elsa.FlowDecision", "Elsa.FlowSwitch", "Elsa.FlowFork", "Elsa.FlowJoin",
            "Elsa.SetVariable", "Elsa.Delay", "Elsa.StartAt", "Elsa.Event", "Elsa.PublishEvent",
            "Certification.AwaitSubmission", "Certification.EvaluateCriteria", "Certification.PreliminaryReview",
            "Certification.FormalReview", "Certification.ExpertScoring", "Certification.SpotCheck", "Certification.Recommend",
            "Certification.Publicity", "Certification.Certify", "Certification.Reject", "Certification.AwaitExpiry",
            "Certification.ReEvaluate", "Certification.Revoke", "Certification.ConfirmReEvaluation", "Certification.Lapse",
            "Certification.ChangeReview",
        ]);
        types.Should().NotContain("Test.Ping");
    }

    [Fact]
    public void Discovers_activities_in_given_assemblies()
    {
        var registry = ActivityRegistry.FromAssemblies(typeof(PingActivity).Assembly);
        registry.TryGet("test.ping", out var ping).Should().BeTrue();
        ping!.Descriptor.Inputs.Single().Should().Match<ActivityInputDescriptor>(i => i.Name == "times" && i.Required && i.TypeName == "Int32");
        registry.TryGet("Elsa.Start", out _).Should().BeTrue();
    }

    [Fact]
    public void Certification_descriptors_have_chinese_names_outcomes_kinds_and_defaults()
    {
        var review = ActivityRegistry.Default.Find("Certification.PreliminaryReview")!.Descriptor;
        review.DisplayName.Should().Be("初审推荐");
        review.Kind.Should().Be(ActivityKind.Blocking);
        review.Outcomes.Should().Equal("Recommended", "Returned", "Rejected");
        review.FindInput("dueDays")!.DefaultValue!.GetValue<int>().Should().Be(10);
        review.FindInput("level")!.DefaultValue!.GetValue<string>().Should().Be("city");

        var spot = ActivityRegistry.Default.Find("Certification.SpotCheck")!.Descriptor;
        spot.FindInput("sampleShare")!.DefaultValue!.GetValue<decimal>().Should().Be(0.2m);

        ActivityRegistry.Default.Find("Certification.EvaluateCriteria")!.Descriptor.Kind.Should().Be(ActivityKind.Automatic);
        ActivityRegistry.Default.Describe().Where(d => d.TypeName.StartsWith("Certification.", StringComparison.Ordinal))
            .Should().AllSatisfy(d => d.DisplayName.Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}"));
    }

    [Fact]
    public void Describe_is_json_serialisable()
    {
        var json = ActivityRegistry.Default.DescribeJson();
        var decision = json.Single(d => d!["typeName"]!.GetValue<string>() == "Elsa.FlowDecision")!;
        decision["kind"]!.GetValue<string>().Should().Be("Automatic");
        decision["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Equal("True", "False");
        decision["inputs"]![0]!["name"]!.GetValue<string>().Should().Be("condition");

        var roundTripped = JsonSerializer.Deserialize<List<ActivityDescriptor>>(json.ToJsonString(), WorkflowJson.Options);
        roundTripped.Should().HaveCount(ActivityRegistry.Default.Describe().Count);
    }

    [Fact]
    public void Switch_and_fork_outcomes_come_from_their_inputs()
    {
        var cases = new JsonArray(
            new JsonObject { ["label"] = "A", ["condition"] = "true" },
            new JsonObject { ["label"] = "B", ["condition"] = "false" });
        var definition = Def.Read(Def.Document(
            [Def.Activity("start", "Elsa.Start"), Def.Activity("sw", "Elsa.FlowSwitch", ("cases", cases)),
             Def.Activity("fork", "Elsa.FlowFork", ("branches", Def.Literal(new[] { "X", "Y" })))],
            [Def.Connect("start", "sw"), Def.Connect("start", "fork")]));
        ActivityRegistry.Default.Find("Elsa.FlowSwitch")!.OutcomesOf(definition.FindActivity("sw")!).Should().Equal("A", "B", "Default");
        ActivityRegistry.Default.Find("Elsa.FlowFork")!.OutcomesOf(definition.FindActivity("fork")!).Should().Equal("X", "Y");
    }
}
