using System.Diagnostics;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Expressions;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Execution;

public class FaultTests
{
    // A generous deadline, so that the limit under test (not the clock of a busy test machine) stops the script.
    private static readonly WorkflowRunnerOptions Fast = new() { ScriptLimits = ScriptLimits.Default with { Timeout = TimeSpan.FromSeconds(20) } };

    private static StepResult RunCondition(string script, WorkflowRunnerOptions? options = null)
    {
        var h = new Harness(options ?? Fast);
        var wf = h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("check", "Elsa.FlowDecision", ("condition", Js(script, "Boolean"))), Activity("end", "Elsa.End")],
            [Connect("start", "check"), Connect("check", "end", "True")]));
        return h.Start(wf);
    }

    [Theory]
    [InlineData("while(true){}", "语句数超过上限")]
    [InlineData("function f(n){ return f(n + 1); } f(0)", "递归")]
    [InlineData("var s = 'x'; while (true) { s = s + s; }", "内存")]
    [InlineData("new Array(1e9).join('x').length > 0", "数组长度")]
    [InlineData("undefinedFunction()", "undefinedFunction")]
    [InlineData("throw new Error('自定义错误')", "自定义错误")]
    public void A_bad_or_runaway_script_faults_the_step_with_the_activity_and_a_clear_message(string script, string expected)
    {
        var sw = Stopwatch.StartNew();
        var result = RunCondition(script);

        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        result.Status.Should().Be(WorkflowStatus.Faulted);
        result.State.Fault!.ActivityId.Should().Be("check");
        result.State.Fault.Message.Should().Contain("condition").And.Contain(expected);
        result.Error.Should().Contain("check").And.Contain(expected);
        result.Journal.Last().Kind.Should().Be(JournalEntryKind.Faulted);
        result.State.Bookmarks.Should().BeEmpty();
    }

    [Fact]
    public void A_script_timeout_faults_the_step()
    {
        var options = new WorkflowRunnerOptions
        {
            // Only the clock may stop it: the loop allocates as it counts, so the memory limit is lifted too.
            ScriptLimits = ScriptLimits.Default with { Timeout = TimeSpan.FromMilliseconds(200), MaxStatements = int.MaxValue, MaxAllocatedBytes = long.MaxValue },
        };
        var result = RunCondition("var i = 0; while (true) { i++; }", options);
        result.Status.Should().Be(WorkflowStatus.Faulted);
        result.State.Fault!.Message.Should().Contain("超时");
    }

    [Fact]
    public void An_endless_flowchart_loop_is_stopped_by_the_execution_limit()
    {
        var h = new Harness(new WorkflowRunnerOptions { MaxActivityExecutionsPerStep = 50 });
        var wf = h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("spin", "Elsa.FlowDecision", ("condition", Literal(true, "Boolean")))],
            [Connect("start", "spin"), Connect("spin", "spin", "True")]));

        var result = h.Start(wf);

        result.Status.Should().Be(WorkflowStatus.Faulted);
        result.State.Fault!.ActivityId.Should().Be("spin");
        result.State.Fault.Message.Should().Contain("50").And.Contain("无限循环");
        result.ExecutedActivityIds.Should().HaveCount(50);
    }

    [Fact]
    public void A_missing_host_faults_certification_activities_clearly()
    {
        var h = new Harness();
        var wf = h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("eval", "Certification.EvaluateCriteria", ("tier", Literal("innovative", "String")))],
            [Connect("start", "eval")]));
        var result = h.Start(wf);
        result.Status.Should().Be(WorkflowStatus.Faulted);
        result.State.Fault!.Message.Should().Contain("ICertificationHost");
    }
}
