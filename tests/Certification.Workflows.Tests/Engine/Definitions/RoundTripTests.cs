using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Definitions;

namespace Certification.Workflows.Tests.Engine.Definitions;

public class RoundTripTests
{
    /// <summary>Structural comparison, ignoring what export may legitimately change: top-level version and $schema.</summary>
    private static void ShouldRoundTrip(string json)
    {
        var original = JsonNode.Parse(json)!.AsObject();
        var definition = WorkflowDefinitionReader.Read(json);
        var written = JsonNode.Parse(WorkflowDefinitionWriter.Write(definition))!.AsObject();

        written["$schema"]!.GetValue<string>().Should().Be(WorkflowDefinition.SchemaUrl);
        JsonNode.DeepEquals(Strip(original), Strip(written)).Should().BeTrue(
            "export must equal import modulo version\n{0}\n{1}", Strip(original).ToJsonString(), Strip(written).ToJsonString());
    }

    private static JsonObject Strip(JsonObject document)
    {
        var copy = document.DeepClone().AsObject();
        foreach (var key in copy.Select(p => p.Key).Where(k => k.Equals("version", StringComparison.OrdinalIgnoreCase) || k == "$schema").ToList())
            copy.Remove(key);
        return copy;
    }

    [Theory]
    [InlineData("studio-nested.json")]
    [InlineData("legacy-flat.json")]
    [InlineData("specialized-certification.json")]
    public void Export_equals_import_modulo_version(string file) => ShouldRoundTrip(TestData.Read(file));

    [Fact]
    public void Unknown_activity_types_fields_and_unsupported_languages_are_kept_verbatim()
    {
        var definition = WorkflowDefinitionReader.Read(TestData.Read("studio-nested.json"));
        var written = JsonNode.Parse(WorkflowDefinitionWriter.Write(definition))!;

        var notify = written["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "notify")!;
        notify["type"]!.GetValue<string>().Should().Be("Acme.Notifications.SendSms");
        notify["version"]!.GetValue<int>().Should().Be(3);
        notify["phone"]!["expression"]!["type"]!.GetValue<string>().Should().Be("CSharp");
        notify["retries"]!.GetValue<int>().Should().Be(2);
        written["x-vendor-extension"]!["anything"]![2]!["deep"]!.GetValue<bool>().Should().BeTrue();
        written["variables"]![0]!["x-note"]!.GetValue<string>().Should().Be("extra field on a variable");
        written["options"]!["activationStrategyType"].Should().NotBeNull();
        written["root"]!["connections"]![1]!["vertices"]![0]!["x"]!.GetValue<int>().Should().Be(-200);
    }

    [Fact]
    public void Version_is_written_as_set_and_schema_is_added()
    {
        var definition = WorkflowDefinitionReader.Read(TestData.Read("legacy-flat.json"));
        definition.Version = 9;
        var written = JsonNode.Parse(WorkflowDefinitionWriter.Write(definition))!.AsObject();

        written.First().Key.Should().Be("$schema");
        written["Version"]!.GetValue<int>().Should().Be(9);
    }

    [Fact]
    public void Reads_case_insensitively_and_exposes_typed_views()
    {
        var definition = WorkflowDefinitionReader.Read(TestData.Read("legacy-flat.json"));

        definition.DefinitionId.Should().Be("legacy-flat");
        definition.Root.Type.Should().Be("Elsa.Flowchart");
        definition.Activities.Select(a => a.Id).Should().Equal("a1", "a2", "a3", "a4", "a5");
        definition.Variables.Single().Name.Should().Be("Counter");
        definition.Activities[0].Name.Should().Be("Begin");
    }

    [Fact]
    public void Reads_both_connection_shapes_and_an_empty_port_means_Done()
    {
        var flat = WorkflowDefinitionReader.Read(TestData.Read("legacy-flat.json"));
        flat.Connections.Should().AllSatisfy(c => c.Shape.Should().Be(ConnectionShape.Flat));
        flat.Connections[1].Outcome.Should().Be("Done");
        flat.Connections[2].Should().Match<ConnectionDefinition>(c => c.Source == "a3" && c.Target == "a4" && c.Outcome == "Left");

        var nested = WorkflowDefinitionReader.Read(TestData.Read("studio-nested.json"));
        nested.Connections.Should().AllSatisfy(c => c.Shape.Should().Be(ConnectionShape.Nested));
        nested.Connections.Last().Outcome.Should().Be("Done");
        nested.Connections[1].Should().Match<ConnectionDefinition>(c => c.Source == "submit" && c.Target == "check" && c.Outcome == "Submitted");
    }

    [Fact]
    public void Inputs_are_read_wrapped_or_plain()
    {
        var nested = WorkflowDefinitionReader.Read(TestData.Read("studio-nested.json"));
        var decision = nested.FindActivity("check")!.GetInput("condition")!;
        decision.Wrapped.Should().BeTrue();
        decision.ExpressionType.Should().Be("JavaScript");
        decision.TypeName.Should().Be("Boolean");

        var flat = WorkflowDefinitionReader.Read(TestData.Read("legacy-flat.json"));
        var branches = flat.FindActivity("a3")!.GetInput("branches")!;
        branches.Wrapped.Should().BeFalse();
        branches.ExpressionType.Should().Be("Literal");
        Certification.Workflows.Engine.Expressions.ValueConverter.ToStringList(branches.Value!).Should().Equal("Left", "Right");
    }

    [Fact]
    public void Designer_metadata_is_exposed()
    {
        var nested = WorkflowDefinitionReader.Read(TestData.Read("studio-nested.json"));
        var start = nested.FindActivity("start")!;
        start.Position.Should().Be((-520d, 40d));
        start.DisplayText.Should().Be("开始");
    }

    [Fact]
    public void Rejects_documents_that_are_not_definitions()
    {
        var notJson = () => WorkflowDefinitionReader.Read("{ nope");
        notJson.Should().Throw<WorkflowDefinitionFormatException>();
        var noRoot = () => WorkflowDefinitionReader.Read("{\"id\": \"x\"}");
        noRoot.Should().Throw<WorkflowDefinitionFormatException>().WithMessage("*root*");
    }
}
