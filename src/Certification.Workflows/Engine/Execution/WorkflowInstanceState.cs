using System.Text.Json;
using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Execution;

public enum WorkflowStatus
{
    /// <summary>Only while a step runs; a step never returns it.</summary>
    Running,
    /// <summary>Waiting on at least one bookmark.</summary>
    Suspended,
    Finished,
    Faulted,
}

/// <summary>
/// Everything the engine needs to continue an instance, fully JSON-serialisable
/// (<see cref="ToJson"/>/<see cref="FromJson"/>). The persistence layer stores it as one document
/// per instance (plus, for querying, its bookmarks as rows).
/// </summary>
public sealed class WorkflowInstanceState
{
    public string InstanceId { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public int DefinitionVersion { get; set; }

    /// <summary>The definition document's <c>id</c> (the id of that version), when it has one.</summary>
    public string? DefinitionVersionId { get; set; }
    public WorkflowStatus Status { get; set; }

    /// <summary>Correlation: the application this instance processes.</summary>
    public string? ApplicationId { get; set; }
    public string? CorrelationId { get; set; }

    /// <summary>Variables by name, as JSON values.</summary>
    public JsonObject Variables { get; set; } = new();

    /// <summary>The input the instance was started with (treat as read-only).</summary>
    public JsonObject Input { get; set; } = new();

    /// <summary>Active bookmarks (tasks, events, timers).</summary>
    public List<Bookmark> Bookmarks { get; set; } = [];

    /// <summary>Join bookkeeping by join activity id (only joins with a round in progress).</summary>
    public Dictionary<string, JoinState> Joins { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many of the latest resumed bookmark ids the state keeps.</summary>
    public const int ConsumedBookmarksKept = 32;

    /// <summary>
    /// Ids of the latest bookmarks resumed (at most <see cref="ConsumedBookmarksKept"/>): a second resumption of one
    /// answers <see cref="ResumeOutcome.AlreadyResumed"/>.
    /// </summary>
    public List<string> ConsumedBookmarkIds { get; set; } = [];

    public WorkflowFault? Fault { get; set; }

    /// <summary>Sequence number of the last journal entry.</summary>
    public long JournalSequence { get; set; }

    /// <summary>Steps applied so far (starts at 1 after <c>Start</c>); useful as an optimistic-concurrency token.</summary>
    public long StepCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public string ToJson(bool indented = false) =>
        JsonSerializer.Serialize(this, indented ? WorkflowJson.Indented : WorkflowJson.Options);

    public static WorkflowInstanceState FromJson(string json) =>
        JsonSerializer.Deserialize<WorkflowInstanceState>(json, WorkflowJson.Options)
        ?? throw new JsonException("实例状态为空。");

    /// <summary>A deep copy (bookmarks are immutable records and are shared).</summary>
    public WorkflowInstanceState Clone() => new()
    {
        InstanceId = InstanceId,
        DefinitionId = DefinitionId,
        DefinitionVersion = DefinitionVersion,
        DefinitionVersionId = DefinitionVersionId,
        Status = Status,
        ApplicationId = ApplicationId,
        CorrelationId = CorrelationId,
        Variables = (JsonObject)Variables.DeepClone(),
        Input = Input,
        Bookmarks = [.. Bookmarks],
        Joins = Joins.ToDictionary(j => j.Key, j => j.Value.Clone(), StringComparer.Ordinal),
        ConsumedBookmarkIds = [.. ConsumedBookmarkIds],
        Fault = Fault,
        JournalSequence = JournalSequence,
        StepCount = StepCount,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        FinishedAt = FinishedAt,
    };
}

/// <summary>Where and why an instance faulted.</summary>
public sealed record WorkflowFault(string ActivityId, string? ActivityName, string Message);

/// <summary>The current round of a join: which inbound connections (<c>source:port</c>) arrived, and whether it fired.</summary>
public sealed class JoinState
{
    public List<string> Arrived { get; set; } = [];
    public bool Fired { get; set; }

    public JoinState Clone() => new() { Arrived = [.. Arrived], Fired = Fired };
}
