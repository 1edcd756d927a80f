using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Execution;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Execution;

public class JoinTests
{
    private readonly Harness _h = new();

    /// <summary>start → fork(A,B) → eventA / eventB → join(mode) → after → end</summary>
    private CompiledWorkflow Forked(string mode) => _h.Compile(Document(
        [
            Activity("start", "Elsa.Start"),
            Activity("fork", "Elsa.FlowFork", ("branches", Literal("A,B"))),
            Activity("a", "Elsa.Event", ("eventName", Literal("a"))),
            Activity("b", "Elsa.Event", ("eventName", Literal("b"))),
            Activity("join", "Elsa.FlowJoin", ("mode", Literal(mode, "String"))),
            Activity("after", "Elsa.SetVariable", ("variable", "After"), ("value", Js("variables.After + 1"))),
        ],
        [Connect("start", "fork"), Connect("fork", "a", "A"), Connect("fork", "b", "B"), Connect("a", "join"), Connect("b", "join"), Connect("join", "after")],
        [Variable("After", "Int32", "0")]));

    private StepResult Deliver(CompiledWorkflow wf, WorkflowInstanceState state, string activityId) =>
        _h.Resume(wf, state, state.Bookmarks.Single(b => b.ActivityId == activityId).Id);

    [Fact]
    public void WaitAll_waits_for_every_inbound_connection()
    {
        var wf = Forked("WaitAll");
        var s1 = _h.Start(wf);
        var s2 = Deliver(wf, s1.State, "a");

        s2.ExecutedActivityIds.Should().NotContain("join");
        s2.State.Joins.Should().ContainKey("join");
        s2.Status.Should().Be(WorkflowStatus.Suspended);

        var s3 = Deliver(wf, s2.State, "b");
        s3.ExecutedActivityIds.Should().Equal("join", "after");
        s3.State.Variables["After"]!.GetValue<int>().Should().Be(1);
        s3.Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public void WaitAny_continues_on_the_first_arrival_and_ignores_the_rest_of_the_round()
    {
        var wf = Forked("WaitAny");
        var s1 = _h.Start(wf);
        var s2 = Deliver(wf, s1.State, "b");

        s2.ExecutedActivityIds.Should().Equal("join", "after");
        s2.Status.Should().Be(WorkflowStatus.Suspended, "branch A still waits");

        var s3 = Deliver(wf, s2.State, "a");
        s3.ExecutedActivityIds.Should().BeEmpty("the second arrival of the round is ignored");
        s3.State.Variables["After"]!.GetValue<int>().Should().Be(1);
        s3.State.Joins.Should().BeEmpty("the round is complete");
        s3.Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public void WaitAll_does_not_wait_for_a_branch_that_can_no_longer_arrive()
    {
        // start → decide → (True) x → join ; (False) y → join ; start → fork? No: a decision takes one path only.
        var wf = _h.Compile(Document(
            [
                Activity("start", "Elsa.Start"),
                Activity("decide", "Elsa.FlowDecision", ("condition", Literal(true, "Boolean"))),
                Activity("x", "Elsa.SetVariable", ("variable", "Path"), ("value", Literal("x", "String"))),
                Activity("y", "Elsa.SetVariable", ("variable", "Path"), ("value", Literal("y", "String"))),
                Activity("join", "Elsa.FlowJoin", ("mode", Literal("WaitAll", "String"))),
                Activity("end", "Elsa.End"),
            ],
            [Connect("start", "decide"), Connect("decide", "x", "True"), Connect("decide", "y", "False"), Connect("x", "join"), Connect("y", "join"), Connect("join", "end")],
            [Variable("Path", "String")]));

        var result = _h.Start(wf);

        result.ExecutedActivityIds.Should().Equal("start", "decide", "x", "join", "end");
        result.Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public void WaitAll_keeps_waiting_while_a_missing_branch_can_still_arrive()
    {
        var wf = _h.Compile(Document(
            [
                Activity("start", "Elsa.Start"),
                Activity("fork", "Elsa.FlowFork", ("branches", Literal("A,B"))),
                Activity("wait", "Elsa.Event", ("eventName", Literal("later"))),
                Activity("step", "Elsa.SetVariable", ("variable", "V"), ("value", Literal(1))),
                Activity("join", "Elsa.FlowJoin", ("mode", Literal("WaitAll", "String"))),
                Activity("end", "Elsa.End"),
            ],
            [Connect("start", "fork"), Connect("fork", "join", "A"), Connect("fork", "wait", "B"), Connect("wait", "step"), Connect("step", "join"), Connect("join", "end")]));

        var first = _h.Start(wf);
        first.ExecutedActivityIds.Should().NotContain("join");
        var second = Deliver(wf, first.State, "wait");
        second.ExecutedActivityIds.Should().Equal("step", "join", "end");
    }

    [Fact]
    public void A_loop_through_a_WaitAny_join_starts_a_new_round_each_time()
    {
        var wf = _h.Compile(Document(
            [
                Activity("start", "Elsa.Start"),
                Activity("join", "Elsa.FlowJoin", ("mode", Literal("WaitAny", "String"))),
                Activity("count", "Elsa.SetVariable", ("variable", "N"), ("value", Js("variables.N + 1"))),
                Activity("again", "Elsa.FlowDecision", ("condition", Js("variables.N < 3", "Boolean"))),
                Activity("end", "Elsa.End"),
            ],
            [Connect("start", "join"), Connect("join", "count"), Connect("count", "again"), Connect("again", "join", "True"), Connect("again", "end", "False")],
            [Variable("N", "Int32", "0")]));

        var result = _h.Start(wf);

        result.State.Variables["N"]!.GetValue<int>().Should().Be(3);
        result.ExecutedActivityIds.Count(id => id == "join").Should().Be(3);
        result.Status.Should().Be(WorkflowStatus.Finished);
    }
}
