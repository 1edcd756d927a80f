using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;

namespace Certification.Workflows.Engine.Activities;

/// <summary>
/// An activity implementation. One instance serves every execution (keep it stateless; per-run data
/// lives in the <see cref="ActivityExecutionContext"/> and the instance state).
/// </summary>
public interface IActivity
{
    /// <summary>
    /// Runs the activity. It either completes (<see cref="ActivityExecutionContext.Complete(string[])"/>,
    /// <see cref="ActivityExecutionContext.EndPath"/>, <see cref="ActivityExecutionContext.FinishInstance"/>)
    /// or creates one or more bookmarks and waits.
    /// </summary>
    ValueTask ExecuteAsync(ActivityExecutionContext context);

    /// <summary>
    /// Continues after one of its bookmarks was resumed (<see cref="ActivityExecutionContext.Resumption"/>).
    /// By default: the payload becomes the <c>result</c> output; a task completes with the payload's
    /// <c>outcome</c>, an event or timer with <c>Done</c>.
    /// </summary>
    ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var resumption = context.Resumption!;
        if (resumption.Payload is not null) context.SetOutput("result", resumption.Payload);
        if (resumption.Outcome is not null) context.Complete(resumption.Outcome);
        else context.Complete();
        return ValueTask.CompletedTask;
    }
}

/// <summary>An activity whose outcomes depend on its inputs (switch labels, fork branches).</summary>
public interface IDynamicOutcomes
{
    /// <summary>The outcomes of this activity as configured, or null when they cannot be known before run time.</summary>
    IReadOnlyList<string>? GetOutcomes(ActivityDefinition activity);
}

/// <summary>Marks the join activity: the runner decides when it runs (see <see cref="JoinMode"/>).</summary>
public interface IJoinActivity
{
    JoinMode GetMode(ActivityDefinition activity);
}

public enum JoinMode
{
    WaitAny,
    WaitAll,
}

/// <summary>
/// An activity with configuration beyond its declared inputs (e.g. switch cases): it compiles it
/// once per definition version, reporting problems for validation. The result is available at run
/// time as <see cref="CompiledActivity.Compiled"/>.
/// </summary>
public interface ICompilingActivity
{
    object? Compile(ActivityDefinition activity, Expressions.ScriptLimits limits, ICollection<string> problems);
}
