using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Validation;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Validation;

public class DefinitionValidatorTests
{
    private static IReadOnlyList<ValidationError> Validate(JsonObject document) =>
        DefinitionValidator.Validate(Read(document), ActivityRegistry.Default);

    private static JsonObject Simple(params JsonObject[] extra) => Document(
        [Activity("start", "Elsa.Start"), Activity("end", "Elsa.End"), .. extra],
        [Connect("start", "end")]);

    [Fact]
    public void A_valid_definition_has_no_errors()
    {
        Validate(Simple()).Should().BeEmpty();
        DefinitionValidator.Validate(WorkflowDefinitionReader.Read(TestData.Read("specialized-certification.json")), ActivityRegistry.Default)
            .Should().BeEmpty();
        DefinitionValidator.Validate(WorkflowDefinitionReader.Read(TestData.Read("legacy-flat.json")), ActivityRegistry.Default)
            .Should().BeEmpty();
    }

    [Fact]
    public void Root_must_be_a_flowchart()
    {
        var doc = Simple();
        doc["root"]!["type"] = "Elsa.Sequence";
        Validate(doc).Should().Contain(e => e.ActivityId == "Flowchart1" && e.Message.Contains("Elsa.Flowchart"));
    }

    [Fact]
    public void Unknown_activity_types_are_named()
    {
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("sms", "Acme.SendSms")],
            [Connect("start", "sms")]));
        errors.Should().ContainSingle(e => e.ActivityId == "sms").Which.Message.Should().Contain("Acme.SendSms");
        errors.Single().ActivityName.Should().Be("sms");
    }

    [Fact]
    public void Dangling_connections_name_the_missing_activity()
    {
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("end", "Elsa.End")],
            [Connect("start", "end"), Connect("end", "ghost"), Connect("phantom", "end")]));
        errors.Should().Contain(e => e.ActivityId == "end" && e.Message.Contains("ghost"));
        errors.Should().Contain(e => e.ActivityId == "end" && e.Message.Contains("phantom"));
    }

    [Fact]
    public void Unreachable_activities_are_reported()
    {
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("end", "Elsa.End"), Activity("island", "Elsa.FlowJoin"), Activity("island2", "Elsa.End")],
            [Connect("start", "end"), Connect("island", "island2")]));
        errors.Select(e => e.ActivityId).Should().BeEquivalentTo("island", "island2");
        errors.Should().AllSatisfy(e => e.Message.Should().Contain("不可达").And.Contain("start"));
    }

    [Fact]
    public void Without_Elsa_Start_the_first_activity_without_inbound_connections_starts()
    {
        var errors = Validate(Document(
            [Activity("a", "Elsa.SetVariable", ("variable", "x"), ("value", Literal(1))), Activity("b", "Elsa.End")],
            [Connect("a", "b")]));
        errors.Should().BeEmpty();
    }

    [Fact]
    public void No_start_is_reported()
    {
        var errors = Validate(Document(
            [Activity("a", "Elsa.FlowJoin"), Activity("b", "Elsa.FlowJoin")],
            [Connect("a", "b"), Connect("b", "a")]));
        errors.Should().Contain(e => e.Message.Contains("没有开始活动"));
    }

    [Fact]
    public void Duplicate_ids_and_multiple_starts_are_reported()
    {
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("start2", "Elsa.Start"), Activity("end", "Elsa.End"), Activity("end", "Elsa.End")],
            [Connect("start", "end"), Connect("start2", "end")]));
        errors.Should().Contain(e => e.ActivityId == "end" && e.Message.Contains("重复"));
        errors.Should().Contain(e => e.ActivityId == "start2" && e.Message.Contains("多个开始活动"));
    }

    [Fact]
    public void Missing_required_inputs_are_named()
    {
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("decide", "Elsa.FlowDecision"), Activity("eval", "Certification.EvaluateCriteria", ("tier", Literal("")))],
            [Connect("start", "decide"), Connect("decide", "eval", "True")]));
        errors.Should().Contain(e => e.ActivityId == "decide" && e.Message.Contains("condition"));
        errors.Should().Contain(e => e.ActivityId == "eval" && e.Message.Contains("tier"));
    }

    [Theory]
    [InlineData("CSharp")]
    [InlineData("Liquid")]
    [InlineData("Python")]
    [InlineData("Sql")]
    public void Unsupported_expression_languages_are_rejected(string language)
    {
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("decide", "Elsa.FlowDecision", ("condition", Wrap(language, "true", "Boolean")))],
            [Connect("start", "decide")]));
        errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e =>
            e.ActivityId == "decide" && e.Message.Contains(language) && e.Message.Contains("condition"));
    }

    [Fact]
    public void Unsupported_languages_nested_in_switch_cases_are_rejected()
    {
        var cases = new JsonArray(new JsonObject { ["label"] = "A", ["condition"] = new JsonObject { ["type"] = "Liquid", ["value"] = "{{ true }}" } });
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("sw", "Elsa.FlowSwitch", ("cases", cases))],
            [Connect("start", "sw")]));
        errors.Should().ContainSingle(e => e.ActivityId == "sw").Which.Message.Should().Contain("Liquid");
    }

    [Fact]
    public void Ports_the_activity_does_not_declare_are_reported()
    {
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("decide", "Elsa.FlowDecision", ("condition", Literal(true, "Boolean"))), Activity("end", "Elsa.End")],
            [Connect("start", "decide"), Connect("decide", "end", "Maybe")]));
        errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e =>
            e.ActivityId == "decide" && e.Message.Contains("Maybe") && e.Message.Contains("True"));
    }

    [Fact]
    public void Dynamic_ports_of_switch_and_fork_are_known()
    {
        var cases = new JsonArray(new JsonObject { ["label"] = "High", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "true" } });
        var errors = Validate(Document(
            [
                Activity("start", "Elsa.Start"),
                Activity("fork", "Elsa.FlowFork", ("branches", Literal("A,B", "String[]"))),
                Activity("sw", "Elsa.FlowSwitch", ("cases", cases)),
                Activity("end", "Elsa.End"),
            ],
            [Connect("start", "fork"), Connect("fork", "sw", "A"), Connect("fork", "end", "B"), Connect("fork", "end", "C"),
             Connect("sw", "end", "High"), Connect("sw", "end", "Default"), Connect("sw", "end", "Low")]));
        errors.Select(e => (e.ActivityId, Port: e.Message.Contains("'C'") ? "C" : e.Message.Contains("'Low'") ? "Low" : "?"))
            .Should().BeEquivalentTo(new[] { ("fork", "C"), ("sw", "Low") });
    }

    [Fact]
    public void Scripts_that_do_not_parse_are_reported_with_the_parser_message()
    {
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("decide", "Elsa.FlowDecision", ("condition", Js("variables.x >", "Boolean")))],
            [Connect("start", "decide")]));
        errors.Should().ContainSingle().Which.Message.Should().Contain("condition").And.Contain("语法错误");
    }

    [Fact]
    public void Bare_string_switch_conditions_are_parsed_too()
    {
        var cases = new JsonArray(new JsonObject { ["label"] = "A", ["condition"] = "1 +* 2" });
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("sw", "Elsa.FlowSwitch", ("cases", cases))],
            [Connect("start", "sw")]));
        errors.Should().ContainSingle(e => e.ActivityId == "sw").Which.Message.Should().Contain("语法错误");
    }

    [Fact]
    public void Literals_must_convert_to_the_input_type_and_options()
    {
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("wait", "Elsa.Delay", ("timeSpan", Literal("five minutes", "TimeSpan"))),
             Activity("join", "Elsa.FlowJoin", ("mode", Literal("WaitSome", "String")))],
            [Connect("start", "wait"), Connect("wait", "join")]));
        errors.Should().Contain(e => e.ActivityId == "wait" && e.Message.Contains("timeSpan"));
        errors.Should().Contain(e => e.ActivityId == "join" && e.Message.Contains("WaitSome"));
    }

    [Fact]
    public void Variable_expressions_must_name_a_declared_variable()
    {
        var errors = Validate(Document(
            [Activity("start", "Elsa.Start"), Activity("decide", "Elsa.FlowDecision", ("condition", Wrap("Variable", "Missing", "Boolean")))],
            [Connect("start", "decide")]));
        errors.Should().ContainSingle().Which.Message.Should().Contain("Missing");
    }

    [Fact]
    public void The_studio_document_reports_each_problem_with_id_and_name()
    {
        var errors = DefinitionValidator.Validate(WorkflowDefinitionReader.Read(TestData.Read("studio-nested.json")), ActivityRegistry.Default);
        errors.Should().Contain(e => e.ActivityId == "log" && e.ActivityName == "WriteLine1" && e.Message.Contains("Elsa.WriteLine"));
        errors.Should().Contain(e => e.ActivityId == "log" && e.Message.Contains("Liquid"));
        errors.Should().Contain(e => e.ActivityId == "notify" && e.Message.Contains("Acme.Notifications.SendSms"));
        errors.Should().Contain(e => e.ActivityId == "notify" && e.Message.Contains("CSharp"));
    }

    [Fact]
    public void Compiling_an_invalid_definition_throws_with_all_errors()
    {
        var act = () => CompiledWorkflow.Compile(WorkflowDefinitionReader.Read(TestData.Read("studio-nested.json")), ActivityRegistry.Default);
        act.Should().Throw<WorkflowValidationException>().Which.Errors.Should().HaveCountGreaterThan(2);
    }
}
