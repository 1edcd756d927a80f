using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Simulation;

public class WorkflowSimulatorTests
{
    private static readonly SimulationOptions At = new() { StartTime = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)) };
    private static string Specialized => TestData.Read("specialized-certification.json");

    private static JsonArray Events(params JsonObject[] events) => new(events.Select(e => (JsonNode?)e).ToArray());
    private static JsonObject Task(string activity, string outcome) => new() { ["task"] = activity, ["outcome"] = outcome };

    [Fact]
    public void The_report_serialises_to_exactly_the_five_fields()
    {
        var report = WorkflowSimulator.Run(Specialized, null, null, At);
        var json = JsonNode.Parse(report.ToJson())!.AsObject();

        json.Select(p => p.Key).Should().Equal("status", "executed", "waitingOn", "variables", "error");
        json["status"]!.GetValue<string>().Should().Be("Suspended");
        json["executed"]!.AsArray().Select(x => x!.GetValue<string>()).Should().Equal("start", "submit");
        json["waitingOn"]!.AsArray().Select(x => x!.GetValue<string>()).Should().Equal("submit");
        json["variables"]!.AsObject().Should().ContainKey("Evaluation");
        json["error"].Should().BeNull();
        json.ContainsKey("error").Should().BeTrue();
    }

    [Fact]
    public void A_full_lifecycle_runs_with_tasks_and_timers_fired_on_the_virtual_clock()
    {
        var input = new JsonObject { ["applicationId"] = "APP-1", ["simulation"] = new JsonObject { ["reEvaluation"] = "Lapsed" } };
        var report = WorkflowSimulator.Run(Specialized, input, Events(
            Task("submit", "Submitted"),
            Task("preliminary", "Recommended"),
            Task("formal", "Passed"),
            Task("experts", "Passed")), At);

        report.Error.Should().BeNull();
        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().Equal("start", "submit", "evaluate", "preliminary", "formal", "experts", "spot", "publicity",
            "certify", "expiry", "reevaluate", "revoke", "end");
        report.WaitingOn.Should().BeEmpty();
        report.Variables["Evaluation"]!["eligible"]!.GetValue<bool>().Should().BeTrue();
        report.HostRecords.Select(r => r.Action).Should().ContainInOrder("Evaluate", "Certify", "ReEvaluate", "Revoke");
    }

    [Fact]
    public void A_returned_review_loops_back_and_a_divergent_panel_rescores()
    {
        var report = WorkflowSimulator.Run(Specialized, new JsonObject { ["simulation"] = new JsonObject { ["sampled"] = true } }, Events(
            Task("submit", "Submitted"),
            Task("preliminary", "Returned"),
            Task("submit", "Submitted"),
            Task("preliminary", "Recommended"),
            Task("formal", "Passed"),
            Task("experts", "Divergent"),
            Task("experts", "Passed"),
            Task("spot", "Passed"),
            Task("publicity", "ObjectionUpheld")), At);

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().Equal("start", "submit", "evaluate", "preliminary", "submit", "evaluate", "preliminary", "formal",
            "experts", "experts", "spot", "publicity", "reject", "end");
    }

    [Fact]
    public void Not_eligible_goes_to_reject()
    {
        var report = WorkflowSimulator.Run(Specialized, new JsonObject { ["simulation"] = new JsonObject { ["eligible"] = false } },
            Events(Task("submit", "Submitted")), At);
        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().EndWith(["evaluate", "reject", "end"]);
    }

    [Fact]
    public void A_periodic_flow_stops_after_the_timer_bound_and_says_so()
    {
        var report = WorkflowSimulator.Run(Specialized, null, Events(
            Task("submit", "Submitted"), Task("preliminary", "Recommended"), Task("formal", "Passed"), Task("experts", "Passed")),
            At with { MaxTimerFirings = 5 });

        report.Status.Should().Be(WorkflowStatus.Suspended);
        report.WaitingOn.Should().Equal("expiry");
        report.Error.Should().Contain("定时器");
    }

    [Fact]
    public void An_event_that_can_never_be_delivered_stops_the_run_as_suspended()
    {
        var report = WorkflowSimulator.Run(Specialized, null, Events(Task("formal", "Passed")), At);

        report.Status.Should().Be(WorkflowStatus.Suspended);
        report.WaitingOn.Should().Equal("submit");
        report.Error.Should().Contain("第 1 个事件").And.Contain("formal").And.Contain("submit");
    }

    [Fact]
    public void A_task_outcome_the_activity_does_not_declare_is_reported()
    {
        var report = WorkflowSimulator.Run(Specialized, null, Events(Task("submit", "Approved")), At);
        report.Status.Should().Be(WorkflowStatus.Suspended);
        report.Error.Should().Contain("Approved");
    }

    [Fact]
    public void Named_events_resume_Elsa_Event_and_timers_fire_first_when_needed()
    {
        var doc = Document(
            [
                Activity("start", "Elsa.Start"),
                Activity("cool", "Elsa.Delay", ("timeSpan", Literal("P1D", "TimeSpan"))),
                Activity("wait", "Elsa.Event", ("eventName", Literal("paid"))),
                Activity("set", "Elsa.SetVariable", ("variable", "Paid"), ("value", Js("true"))),
                Activity("end", "Elsa.End"),
            ],
            [Connect("start", "cool"), Connect("cool", "wait"), Connect("wait", "set"), Connect("set", "end")],
            [Variable("Paid", "Boolean", "false")]);

        var report = WorkflowSimulator.Run(doc.ToJsonString(), null,
            Events(new JsonObject { ["event"] = "paid", ["payload"] = new JsonObject { ["amount"] = 100 } }), At);

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().Equal("start", "cool", "wait", "set", "end");
        report.Variables["Paid"]!.GetValue<bool>().Should().BeTrue();
        report.State!.FinishedAt.Should().Be(At.StartTime!.Value.AddDays(1));
    }

    [Fact]
    public void An_invalid_definition_is_reported_as_faulted_with_the_validation_errors()
    {
        var report = WorkflowSimulator.Run(TestData.Read("studio-nested.json"), null, null, At);
        report.Status.Should().Be(WorkflowStatus.Faulted);
        report.Error.Should().Contain("Elsa.WriteLine").And.Contain("[log]");
        report.Executed.Should().BeEmpty();
    }

    [Fact]
    public void A_faulting_script_is_reported_with_the_activity()
    {
        var doc = Document(
            [Activity("start", "Elsa.Start"), Activity("check", "Elsa.FlowDecision", ("condition", Js("nope.x", "Boolean")))],
            [Connect("start", "check")]);
        var report = WorkflowSimulator.Run(doc.ToJsonString(), null, null, At);
        report.Status.Should().Be(WorkflowStatus.Faulted);
        report.Error.Should().Contain("check").And.Contain("nope");
        JsonNode.Parse(report.ToJson())!["status"]!.GetValue<string>().Should().Be("Faulted");
    }

    [Fact]
    public void Not_json_is_reported()
    {
        var report = WorkflowSimulator.Run("nope", null, null, At);
        report.Status.Should().Be(WorkflowStatus.Faulted);
        report.Error.Should().Contain("JSON");
    }
}
