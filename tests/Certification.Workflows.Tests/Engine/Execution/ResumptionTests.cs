using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Execution;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Execution;

public class ResumptionTests
{
    private readonly Harness _h;

    public ResumptionTests() => _h = new Harness { Host = new Certification.Workflows.Engine.Simulation.SimulationHost() };

    private CompiledWorkflow Review() => _h.Compile(Document(
        [Activity("start", "Elsa.Start"), Activity("review", "Certification.FormalReview"), Activity("ok", "Elsa.End"), Activity("back", "Elsa.End")],
        [Connect("start", "review"), Connect("review", "ok", "Passed"), Connect("review", "back", "Returned"), Connect("review", "back", "Rejected")]));

    [Fact]
    public void Resuming_the_same_bookmark_twice_resumes_once_and_changes_nothing_the_second_time()
    {
        var wf = Review();
        var first = _h.Start(wf);
        var task = first.TasksCreated.Single();

        var second = _h.Resume(wf, first.State, task.Id, new JsonObject { ["outcome"] = "Passed" });
        second.Outcome.Should().Be(ResumeOutcome.Resumed);
        second.Status.Should().Be(WorkflowStatus.Finished);
        var snapshot = second.State.ToJson();

        var third = _h.Resume(wf, second.State, task.Id, new JsonObject { ["outcome"] = "Returned" });

        third.Outcome.Should().Be(ResumeOutcome.AlreadyResumed);
        third.Applied.Should().BeFalse();
        third.State.Should().BeSameAs(second.State);
        third.State.ToJson().Should().Be(snapshot);
        third.Journal.Should().BeEmpty();
        third.BookmarksCreated.Should().BeEmpty();
        third.BookmarksRemoved.Should().BeEmpty();
        third.Effects.Should().BeEmpty();
        third.Error.Should().Contain(task.Id);
    }

    [Fact]
    public void Resuming_from_a_stale_copy_of_the_state_is_also_answered_without_a_second_transition()
    {
        var wf = Review();
        var first = _h.Start(wf);
        var task = first.TasksCreated.Single();
        var before = first.State.ToJson();

        _h.Resume(wf, first.State, task.Id, new JsonObject { ["outcome"] = "Passed" });

        first.State.ToJson().Should().Be(before, "the input state is never modified");
    }

    [Fact]
    public void A_long_history_keeps_the_state_bounded_and_still_answers_a_repeat_of_a_recent_resumption()
    {
        // Returned for correction again and again: every round is one more resumed bookmark.
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("review", "Certification.FormalReview"), Activity("ok", "Elsa.End")],
            [Connect("start", "review"), Connect("review", "ok", "Passed"), Connect("review", "review", "Returned"), Connect("review", "ok", "Rejected")]));
        var step = _h.Start(wf);
        var state = step.State;
        string last = "";
        for (var round = 0; round < WorkflowInstanceState.ConsumedBookmarksKept * 3; round++)
        {
            last = state.Bookmarks.Single().Id;
            var resumed = _h.Resume(wf, state, last, new JsonObject { ["outcome"] = "Returned" });
            resumed.Outcome.Should().Be(ResumeOutcome.Resumed);
            state = resumed.State;
        }

        state.ConsumedBookmarkIds.Should().HaveCount(WorkflowInstanceState.ConsumedBookmarksKept).And.EndWith(last);
        _h.Resume(wf, state, last, new JsonObject { ["outcome"] = "Passed" }).Outcome.Should().Be(ResumeOutcome.AlreadyResumed);
    }

    [Fact]
    public void Unknown_bookmarks_are_NotFound()
    {
        var wf = Review();
        var first = _h.Start(wf);
        var result = _h.Resume(wf, first.State, "nope", new JsonObject { ["outcome"] = "Passed" });
        result.Outcome.Should().Be(ResumeOutcome.NotFound);
        result.State.Should().BeSameAs(first.State);
    }

    [Theory]
    [InlineData("Maybe")]
    [InlineData(null)]
    public void A_task_outcome_the_activity_does_not_declare_is_refused_and_changes_nothing(string? outcome)
    {
        var wf = Review();
        var first = _h.Start(wf);
        var before = first.State.ToJson();

        var result = _h.Resume(wf, first.State, first.TasksCreated.Single().Id, new JsonObject { ["outcome"] = outcome });

        result.Outcome.Should().Be(ResumeOutcome.InvalidPayload);
        result.Error.Should().Contain("Passed");
        result.State.Should().BeSameAs(first.State);
        first.State.ToJson().Should().Be(before);
        first.State.Bookmarks.Should().ContainSingle();
    }

    [Fact]
    public void Task_outcomes_match_case_insensitively_and_the_journal_names_actor_and_comment()
    {
        var wf = Review();
        var first = _h.Start(wf);
        var result = _h.Resume(wf, first.State, first.TasksCreated.Single().Id, new JsonObject { ["outcome"] = "returned", ["comment"] = "缺少财务报表" });

        result.ExecutedActivityIds.Should().Equal("back");
        var entry = result.Journal.First();
        entry.Kind.Should().Be(JournalEntryKind.Resumed);
        entry.Outcome.Should().Be("Returned");
        entry.Actor.Should().Be("tester");
        entry.Message.Should().Contain("缺少财务报表");
    }

    [Fact]
    public void Resuming_one_bookmark_of_an_activity_removes_its_other_bookmarks()
    {
        var wf = _h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("notice", "Certification.Publicity"), Activity("ok", "Elsa.End"), Activity("no", "Elsa.End")],
            [Connect("start", "notice"), Connect("notice", "ok", "Clear"), Connect("notice", "no", "ObjectionUpheld")]));
        var first = _h.Start(wf);
        first.BookmarksCreated.Select(b => b.Kind).Should().BeEquivalentTo([BookmarkKind.Timer, BookmarkKind.Task]);
        var timer = first.BookmarksCreated.Single(b => b.Kind == BookmarkKind.Timer);
        var task = first.BookmarksCreated.Single(b => b.Kind == BookmarkKind.Task);

        _h.Clock.Now = timer.DueAt!.Value;
        var second = _h.Resume(wf, first.State, timer.Id);

        second.ExecutedActivityIds.Should().Equal("ok");
        second.BookmarksRemoved.Select(b => b.Id).Should().BeEquivalentTo([timer.Id, task.Id]);
        var late = _h.Resume(wf, second.State, task.Id, new JsonObject { ["outcome"] = "ObjectionUpheld" });
        late.Outcome.Should().Be(ResumeOutcome.NotFound);
    }

    [Fact]
    public void Resuming_with_another_definition_version_is_a_programming_error()
    {
        var wf = Review();
        var first = _h.Start(wf);
        var other = Def.Document([Activity("start", "Elsa.Start")], []);
        other["version"] = 2;
        var act = () => _h.Resume(_h.Compile(other), first.State, first.TasksCreated.Single().Id);
        act.Should().Throw<ArgumentException>();
    }
}
