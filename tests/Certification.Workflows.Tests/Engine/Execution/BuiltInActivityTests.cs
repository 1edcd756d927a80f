using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Execution;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Execution;

public class BuiltInActivityTests
{
    private readonly Harness _h = new();

    [Fact]
    public void Start_to_End_finishes_and_journals_each_activity()
    {
        var wf = _h.Compile(Document([Activity("start", "Elsa.Start"), Activity("end", "Elsa.End")], [Connect("start", "end")]));

        var result = _h.Start(wf, new JsonObject { ["applicationId"] = "APP-1" });

        result.Outcome.Should().Be(ResumeOutcome.Started);
        result.Status.Should().Be(WorkflowStatus.Finished);
        result.State.ApplicationId.Should().Be("APP-1");
        result.State.DefinitionId.Should().Be("test-flow");
        result.ExecutedActivityIds.Should().Equal("start", "end");
        result.Journal.Select(j => (j.ActivityId, j.Kind, j.Outcome)).Should().Equal(
            ("start", JournalEntryKind.Executed, "Done"),
            ("end", JournalEntryKind.Executed, null),
            ("Flowchart1", JournalEntryKind.Finished, null));
        result.Journal.Should().AllSatisfy(j =>
        {
            j.Actor.Should().Be("tester");
            j.Timestamp.Should().Be(_h.Clock.Now);
        });
        result.Journal.Select(j => j.Sequence).Should().Equal(1, 2, 3);
        result.Journal[0].ActivityType.Should().Be("Elsa.Start");
        result.Journal[0].ActivityName.Should().Be("start");
    }

    [Theory]
    [InlineData("variables.Score >= 60", "True")]
    [InlineData("variables.Score < 60", "False")]
    public void FlowDecision_takes_True_or_False(string condition, string expected)
    {
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("d", "Elsa.FlowDecision", ("condition", Js(condition, "Boolean"))),
             Activity("yes", "Elsa.End"), Activity("no", "Elsa.End")],
            [Connect("start", "d"), Connect("d", "yes", "True"), Connect("d", "no", "False")],
            [Variable("Score", "Int32", "75")]));

        var result = _h.Start(wf);

        result.ExecutedActivityIds.Should().Equal("start", "d", expected == "True" ? "yes" : "no");
        result.Journal.Single(j => j.ActivityId == "d").Outcome.Should().Be(expected);
    }

    [Fact]
    public void Literal_conditions_work_too()
    {
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("d", "Elsa.FlowDecision", ("condition", Literal("true", "Boolean"))), Activity("yes", "Elsa.End")],
            [Connect("start", "d"), Connect("d", "yes", "True")]));
        _h.Start(wf).ExecutedActivityIds.Should().Equal("start", "d", "yes");
    }

    [Fact]
    public void SetVariable_converts_to_the_declared_type_and_scripts_see_it()
    {
        var wf = _h.Compile(Document(
            [
                Activity("start", "Elsa.Start"),
                Activity("set", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "Count-id", ["name"] = "Count" }), ("value", Literal("41", "Int32"))),
                Activity("inc", "Elsa.SetVariable", ("variable", "Count"), ("value", Js("variables.Count + 1"))),
                Activity("share", "Elsa.SetVariable", ("variable", "Share"), ("value", Js("0.1 + 0.2"))),
                Activity("profile", "Elsa.SetVariable", ("variable", "Profile"), ("value", Wrap("Object", "{\"name\":\"示例\",\"employees\":180}"))),
                Activity("copy", "Elsa.SetVariable", ("variable", "Name"), ("value", Js("variables.Profile.name + '有限公司'"))),
                Activity("byVar", "Elsa.SetVariable", ("variable", "Again"), ("value", Wrap("Variable", "Count"))),
            ],
            [Connect("start", "set"), Connect("set", "inc"), Connect("inc", "share"), Connect("share", "profile"), Connect("profile", "copy"), Connect("copy", "byVar")],
            [Variable("Count", "Int32", "0"), Variable("Share", "Decimal"), Variable("Profile", "Object"), Variable("Name", "String"), Variable("Again", "String")]));

        var vars = _h.Start(wf).State.Variables;

        vars["Count"]!.GetValue<int>().Should().Be(42);
        vars["Share"]!.GetValue<decimal>().Should().Be(0.30000000000000004m);
        vars["Profile"]!["employees"]!.GetValue<int>().Should().Be(180);
        vars["Name"]!.GetValue<string>().Should().Be("示例有限公司");
        vars["Again"]!.GetValue<string>().Should().Be("42");
    }

    [Fact]
    public void Scripts_write_variables_through_the_variables_object_and_setVariable()
    {
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"),
             Activity("d", "Elsa.FlowDecision", ("condition", Js("variables.Visits = variables.Visits + 1; setVariable('Tier', getInput('tier')); variables.Visits > 0", "Boolean"))),
             Activity("end", "Elsa.End")],
            [Connect("start", "d"), Connect("d", "end", "True")],
            [Variable("Visits", "Int32", "0"), Variable("Tier", "String")]));

        var result = _h.Start(wf, new JsonObject { ["tier"] = "little-giant" });

        result.State.Variables["Visits"]!.GetValue<int>().Should().Be(1);
        result.State.Variables["Tier"]!.GetValue<string>().Should().Be("little-giant");
        result.ExecutedActivityIds.Should().EndWith("end");
    }

    [Fact]
    public void Finish_ends_the_instance_and_clears_bookmarks()
    {
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("fork", "Elsa.FlowFork", ("branches", Literal("Wait,Stop"))),
             Activity("wait", "Elsa.Event", ("eventName", Literal("never"))), Activity("stop", "Elsa.Finish"), Activity("after", "Elsa.End")],
            [Connect("start", "fork"), Connect("fork", "wait", "Wait"), Connect("fork", "stop", "Stop"), Connect("wait", "after")]));

        var result = _h.Start(wf);

        result.Status.Should().Be(WorkflowStatus.Finished);
        result.State.Bookmarks.Should().BeEmpty();
        result.BookmarksCreated.Should().BeEmpty("the event bookmark was created and dropped within the step");
        result.ExecutedActivityIds.Should().Equal("start", "fork", "wait", "stop");
    }

    [Fact]
    public void Finish_in_a_later_step_reports_the_removed_bookmarks()
    {
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("fork", "Elsa.FlowFork", ("branches", Literal("A,B"))),
             Activity("a", "Elsa.Event", ("eventName", Literal("a"))), Activity("b", "Elsa.Event", ("eventName", Literal("b"))),
             Activity("stop", "Elsa.Finish")],
            [Connect("start", "fork"), Connect("fork", "a", "A"), Connect("fork", "b", "B"), Connect("a", "stop")]));
        var first = _h.Start(wf);
        first.BookmarksCreated.Should().HaveCount(2);

        var second = _h.Resume(wf, first.State, first.State.Bookmarks.Single(b => b.ActivityId == "a").Id);

        second.Status.Should().Be(WorkflowStatus.Finished);
        second.BookmarksRemoved.Select(b => b.ActivityId).Should().BeEquivalentTo("a", "b");
    }

    [Fact]
    public void End_ends_one_path_and_the_instance_waits_for_the_others()
    {
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("fork", "Elsa.FlowFork", ("branches", Literal("A,B"))),
             Activity("endA", "Elsa.End"), Activity("waitB", "Elsa.Event", ("eventName", Literal("go"))), Activity("endB", "Elsa.End")],
            [Connect("start", "fork"), Connect("fork", "endA", "A"), Connect("fork", "waitB", "B"), Connect("waitB", "endB")]));

        var first = _h.Start(wf);
        first.Status.Should().Be(WorkflowStatus.Suspended);
        first.ExecutedActivityIds.Should().Contain("endA");

        var second = _h.Resume(wf, first.State, first.State.Bookmarks.Single().Id);
        second.Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public void Event_blocks_and_its_payload_goes_to_result_and_the_bound_variable()
    {
        var ev = Activity("wait", "Elsa.Event", ("eventName", Literal("materials-received")));
        ev["result"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "Received-id" } };
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), ev, Activity("end", "Elsa.End")],
            [Connect("start", "wait"), Connect("wait", "end")],
            [Variable("Received", "Object")]));

        var first = _h.Start(wf);
        var bookmark = first.BookmarksCreated.Single();
        bookmark.Kind.Should().Be(BookmarkKind.Event);
        bookmark.EventName.Should().Be("materials-received");
        first.Journal.Last().Kind.Should().Be(JournalEntryKind.Suspended);

        var second = _h.Resume(wf, first.State, bookmark.Id, new JsonObject { ["pages"] = 12 });

        second.Status.Should().Be(WorkflowStatus.Finished);
        second.State.Variables["Received"]!["pages"]!.GetValue<int>().Should().Be(12);
        second.Journal.First().Should().Match<JournalEntry>(j => j.Kind == JournalEntryKind.Resumed && j.BookmarkId == bookmark.Id && j.ActivityId == "wait");
        second.BookmarksRemoved.Should().ContainSingle(b => b.Id == bookmark.Id);
    }

    [Fact]
    public void PublishEvent_emits_an_effect_and_resumes_this_instances_waiting_event()
    {
        var wf = _h.Compile(Document(
            [
                Activity("start", "Elsa.Start"),
                Activity("fork", "Elsa.FlowFork", ("branches", Literal("Listen,Tell"))),
                Activity("listen", "Elsa.Event", ("eventName", Literal("ping"))),
                Activity("delay", "Elsa.Delay", ("timeSpan", Literal("00:05:00", "TimeSpan"))),
                Activity("tell", "Elsa.PublishEvent", ("eventName", Literal("ping")), ("payload", Wrap("Object", "{\"n\":1}"))),
                Activity("heard", "Elsa.End"),
            ],
            [Connect("start", "fork"), Connect("fork", "listen", "Listen"), Connect("fork", "delay", "Tell"), Connect("delay", "tell"), Connect("listen", "heard")]));

        var first = _h.Start(wf);
        first.State.Bookmarks.Should().HaveCount(2);
        _h.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = _h.Resume(wf, first.State, first.State.Bookmarks.Single(b => b.Kind == BookmarkKind.Timer).Id);

        second.Status.Should().Be(WorkflowStatus.Finished);
        second.Effects.Should().ContainSingle().Which.Should().Match<WorkflowEffect>(e =>
            e.Type == "PublishEvent" && e.ActivityId == "tell" && e.Data["eventName"]!.GetValue<string>() == "ping" && e.Data["payload"]!["n"]!.GetValue<int>() == 1);
        second.ExecutedActivityIds.Should().Equal("tell", "heard");
        second.BookmarksRemoved.Should().HaveCount(2);
    }

    [Fact]
    public void Merge_without_join_runs_the_activity_once_per_arriving_path()
    {
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("fork", "Elsa.FlowFork", ("branches", Literal("A,B"))),
             Activity("merge", "Elsa.SetVariable", ("variable", "Hits"), ("value", Js("variables.Hits + 1"))), Activity("end", "Elsa.End")],
            [Connect("start", "fork"), Connect("fork", "merge", "A"), Connect("fork", "merge", "B"), Connect("merge", "end")],
            [Variable("Hits", "Int32", "0")]));

        var result = _h.Start(wf);

        result.ExecutedActivityIds.Should().Equal("start", "fork", "merge", "merge", "end", "end");
        result.State.Variables["Hits"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public void Branches_accept_a_comma_separated_string_or_an_array()
    {
        foreach (var branches in new object[] { "A, B", new[] { "A", "B" }, Js("['A','B']", "String[]") })
        {
            var wf = _h.Compile(Document(
                [Activity("start", "Elsa.Start"), Activity("fork", "Elsa.FlowFork", ("branches", branches is JsonNode n ? n : Literal(branches))),
                 Activity("a", "Elsa.End"), Activity("b", "Elsa.End")],
                [Connect("start", "fork"), Connect("fork", "a", "A"), Connect("fork", "b", "B")]));
            _h.Start(wf).ExecutedActivityIds.Should().Equal("start", "fork", "a", "b");
        }
    }

    [Fact]
    public void State_is_json_serialisable_and_round_trips()
    {
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("wait", "Elsa.Event", ("eventName", Literal("go"))), Activity("end", "Elsa.End")],
            [Connect("start", "wait"), Connect("wait", "end")],
            [Variable("Amount", "Decimal", "12.50")]));
        var first = _h.Start(wf, new JsonObject { ["applicationId"] = "A-9", ["nested"] = new JsonObject { ["x"] = 1 } });

        var json = first.State.ToJson();
        var restored = WorkflowInstanceState.FromJson(json);

        json.Should().Contain("\"status\":\"Suspended\"").And.Contain("\"kind\":\"Event\"");
        restored.ToJson().Should().Be(json);
        restored.Variables["Amount"]!.GetValue<decimal>().Should().Be(12.50m);

        var second = _h.Resume(wf, restored, restored.Bookmarks.Single().Id);
        second.Status.Should().Be(WorkflowStatus.Finished);
    }
}
