using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Execution;

public enum ResumeOutcome
{
    /// <summary><c>Start</c> ran the first step.</summary>
    Started,
    /// <summary>The bookmark was resumed and the step ran.</summary>
    Resumed,
    /// <summary>The bookmark was resumed before: nothing changed.</summary>
    AlreadyResumed,
    /// <summary>No such active bookmark (never existed, or removed with its activity or the instance): nothing changed.</summary>
    NotFound,
    /// <summary>The payload is not acceptable (e.g. a task outcome the activity does not declare): nothing changed.</summary>
    InvalidPayload,
}

/// <summary>Something an activity asks the host to do after the step commits (e.g. publish an event to other instances).</summary>
public sealed record WorkflowEffect(string Type, string ActivityId, JsonObject Data);

public enum JournalEntryKind
{
    /// <summary>An activity ran and completed (or ended its path).</summary>
    Executed,
    /// <summary>An activity is waiting (bookmarks created, or a join waiting for more branches).</summary>
    Suspended,
    /// <summary>A bookmark was resumed and its activity completed.</summary>
    Resumed,
    Faulted,
    /// <summary>The instance finished.</summary>
    Finished,
}

/// <summary>One line of the audit journal.</summary>
public sealed record JournalEntry
{
    public long Sequence { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityType { get; init; }
    public string? ActivityName { get; init; }
    public JournalEntryKind Kind { get; init; }

    /// <summary>The port(s) taken, comma-separated.</summary>
    public string? Outcome { get; init; }
    public string? Actor { get; init; }
    public string? BookmarkId { get; init; }
    public required string Message { get; init; }
}

/// <summary>
/// What one step did. Bookmark lists are the net difference between the state before and after
/// the step: <see cref="BookmarksCreated"/> are new active bookmarks (insert them),
/// <see cref="BookmarksRemoved"/> were active before and are gone (delete them; for tasks, close
/// the inbox items) — the resumed one included. When <see cref="Applied"/> is false nothing
/// changed and <see cref="State"/> is the state passed in.
/// </summary>
public sealed class StepResult
{
    public required ResumeOutcome Outcome { get; init; }
    public required WorkflowInstanceState State { get; init; }
    public bool Applied => Outcome is ResumeOutcome.Started or ResumeOutcome.Resumed;
    public WorkflowStatus Status => State.Status;
    public Bookmark? ResumedBookmark { get; init; }
    public IReadOnlyList<JournalEntry> Journal { get; init; } = [];
    public IReadOnlyList<Bookmark> BookmarksCreated { get; init; } = [];
    public IReadOnlyList<Bookmark> BookmarksRemoved { get; init; } = [];

    /// <summary>The task bookmarks among <see cref="BookmarksCreated"/>.</summary>
    public IReadOnlyList<Bookmark> TasksCreated => BookmarksCreated.Where(b => b.Kind == BookmarkKind.Task).ToList();
    public IReadOnlyList<WorkflowEffect> Effects { get; init; } = [];

    /// <summary>Activities executed in this step, in order (resumptions not included; a join counts when it fires).</summary>
    public IReadOnlyList<string> ExecutedActivityIds { get; init; } = [];

    /// <summary>Why nothing was applied, or the fault message.</summary>
    public string? Error { get; init; }
}
