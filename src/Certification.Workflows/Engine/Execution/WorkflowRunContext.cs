using Certification.Workflows.Engine.Activities;

namespace Certification.Workflows.Engine.Execution;

/// <summary>Creates ids for instances and bookmarks.</summary>
public interface IIdGenerator
{
    string NewId();
}

/// <summary>Time-ordered GUIDs (version 7), formatted "D".</summary>
public sealed class GuidIdGenerator : IIdGenerator
{
    public static readonly GuidIdGenerator Instance = new();
    public string NewId() => Guid.CreateVersion7().ToString("D");
}

/// <summary>Deterministic ids <c>{prefix}1</c>, <c>{prefix}2</c> … (simulation, tests).</summary>
public sealed class SequentialIdGenerator(string prefix = "id-") : IIdGenerator
{
    private long _next;
    public string NewId() => prefix + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Per-call context: who acts, the domain port, the clock and the id source.</summary>
public sealed record WorkflowRunContext
{
    /// <summary>Who caused this step (user id/name), written to the journal.</summary>
    public string? Actor { get; init; }

    /// <summary>The domain port the <c>Certification.*</c> activities call (in the caller's transaction).</summary>
    public ICertificationHost? Host { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public IIdGenerator Ids { get; init; } = GuidIdGenerator.Instance;

    /// <summary>On <c>Start</c>: the application the instance is for (else taken from input <c>applicationId</c>).</summary>
    public string? ApplicationId { get; init; }

    /// <summary>On <c>Start</c>: a free correlation id (else input <c>correlationId</c>).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>For custom activities that need services.</summary>
    public IServiceProvider? Services { get; init; }
}

/// <summary>Runner-wide settings.</summary>
public sealed record WorkflowRunnerOptions
{
    /// <summary>Activity executions (and resumptions) allowed in one step; exceeding it faults the instance (endless loop guard).</summary>
    public int MaxActivityExecutionsPerStep { get; init; } = 1000;

    public Expressions.ScriptLimits ScriptLimits { get; init; } = Expressions.ScriptLimits.Default;
}
