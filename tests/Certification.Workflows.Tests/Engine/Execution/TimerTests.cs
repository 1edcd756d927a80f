using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Execution;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Execution;

public class TimerTests
{
    private readonly Harness _h = new();

    private CompiledWorkflow Single(JsonObject activity) => _h.Compile(Document(
        [Activity("start", "Elsa.Start"), activity, Activity("end", "Elsa.End")],
        [Connect("start", activity["id"]!.GetValue<string>()), Connect(activity["id"]!.GetValue<string>(), "end")]));

    [Theory]
    [InlineData("00:05:00", 5 * 60)]
    [InlineData("P5D", 5 * 24 * 3600)]
    [InlineData("PT2H30M", 9000)]
    [InlineData("1.00:00:00", 24 * 3600)]
    public void Delay_creates_a_durable_timer_due_after_the_span(string span, int seconds)
    {
        var wf = Single(Activity("wait", "Elsa.Delay", ("timeSpan", Literal(span, "TimeSpan"))));

        var first = _h.Start(wf);

        var timer = first.BookmarksCreated.Should().ContainSingle().Subject;
        timer.Kind.Should().Be(BookmarkKind.Timer);
        timer.DueAt.Should().Be(_h.Clock.Now.AddSeconds(seconds));
        first.Status.Should().Be(WorkflowStatus.Suspended);

        _h.Clock.Now = timer.DueAt!.Value;
        var second = _h.Resume(wf, first.State, timer.Id);
        second.Status.Should().Be(WorkflowStatus.Finished);
        second.Journal.First().Message.Should().Contain("定时到期");
    }

    [Fact]
    public void Delay_from_a_script()
    {
        var wf = Single(Activity("wait", "Elsa.Delay", ("timeSpan", Js("'P' + getInput('days') + 'D'", "TimeSpan"))));
        var first = _h.Start(wf, new JsonObject { ["days"] = 3 });
        first.BookmarksCreated.Single().DueAt.Should().Be(_h.Clock.Now.AddDays(3));
    }

    [Fact]
    public void A_zero_delay_continues_immediately()
    {
        var wf = Single(Activity("wait", "Elsa.Delay", ("timeSpan", Literal("00:00:00", "TimeSpan"))));
        _h.Start(wf).Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public void StartAt_waits_until_the_given_instant()
    {
        var at = _h.Clock.Now.AddDays(10);
        var wf = Single(Activity("at", "Elsa.StartAt", ("dateTime", Literal(at.ToString("o"), "DateTimeOffset"))));

        var first = _h.Start(wf);

        first.BookmarksCreated.Single().DueAt.Should().Be(at);
    }

    [Fact]
    public void StartAt_in_the_past_continues_immediately()
    {
        var wf = Single(Activity("at", "Elsa.StartAt", ("dateTime", Literal("2020-01-01T00:00:00Z", "DateTimeOffset"))));
        _h.Start(wf).Status.Should().Be(WorkflowStatus.Finished);
    }
}
