namespace Certification.Workflows.Engine.Expressions;

/// <summary>
/// Sandbox limits for one JavaScript evaluation. Exceeding any of them stops the script with a
/// <see cref="ScriptException"/>, which faults the step (the script cannot catch it).
/// </summary>
public sealed record ScriptLimits
{
    public static readonly ScriptLimits Default = new();

    /// <summary>Wall-clock time per evaluation.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Statements executed per evaluation.</summary>
    public int MaxStatements { get; init; } = 50_000;

    /// <summary>JavaScript call depth.</summary>
    public int MaxRecursionDepth { get; init; } = 64;

    /// <summary>
    /// Bytes the evaluation may allocate (garbage included), measured with
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/> at every statement and every guarded built-in.
    /// </summary>
    public long MaxAllocatedBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Longest string a built-in may produce, and longest string converted out of a script.</summary>
    public int MaxStringLength { get; init; } = 4_000_000;

    /// <summary>Longest array (or array-like <c>length</c>) a built-in may walk.</summary>
    public int MaxArrayLength { get; init; } = 100_000;

    /// <summary>Nesting depth of values (JSON, arrays in arrays) and of the script's syntax tree.</summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Values a script result (or a <c>JSON.stringify</c> argument) may contain.</summary>
    public int MaxValueNodes { get; init; } = 100_000;

    /// <summary>Length of a script's source text.</summary>
    public int MaxScriptLength { get; init; } = 20_000;
}

/// <summary>Why a script failed.</summary>
public enum ScriptErrorKind
{
    Syntax,
    Runtime,
    Timeout,
    StatementLimit,
    RecursionLimit,
    MemoryLimit,
    Rejected,
}

/// <summary>A JavaScript expression failed to parse or run, or hit a sandbox limit.</summary>
public sealed class ScriptException(ScriptErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public ScriptErrorKind Kind { get; } = kind;
}
