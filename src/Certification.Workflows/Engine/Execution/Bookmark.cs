using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Execution;

public enum BookmarkKind
{
    /// <summary>A human task (inbox item); resumed with <c>{"outcome": "&lt;Port&gt;", ...data}</c>.</summary>
    Task,
    /// <summary>Waits for a named event; resumed with the event payload.</summary>
    Event,
    /// <summary>A durable timer; the host resumes it when <see cref="Bookmark.DueAt"/> has passed.</summary>
    Timer,
}

/// <summary>
/// A point where an instance waits. Bookmarks one activity execution creates share a
/// <see cref="GroupId"/>: when one resumes, the others are removed.
/// </summary>
public sealed record Bookmark
{
    public required string Id { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityType { get; init; }
    public string? ActivityName { get; init; }
    public required BookmarkKind Kind { get; init; }

    /// <summary>For <see cref="BookmarkKind.Event"/>: the event name.</summary>
    public string? EventName { get; init; }

    /// <summary>For <see cref="BookmarkKind.Timer"/> only: when it fires (a task's due date is <see cref="HumanTaskSpec.DueAt"/>).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>For <see cref="BookmarkKind.Task"/>: the human task to create.</summary>
    public HumanTaskSpec? Task { get; init; }

    /// <summary>Extra data the activity attached.</summary>
    public JsonObject? Payload { get; init; }

    /// <summary>Shared by the bookmarks of one activity execution.</summary>
    public required string GroupId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The human task behind a task bookmark: who, what form, until when, and the outcomes it may complete with.</summary>
public sealed record HumanTaskSpec
{
    /// <summary>
    /// The task's id: the id of its bookmark and of its inbox row. Human-task activities reserve it before
    /// <see cref="Activities.ICertificationHost.PrepareTaskAsync"/> so the host can key domain rows to the task
    /// (an expert panel's seats) in the same step; a host cannot change it. Null only for a spec an activity
    /// builds itself, in which case <see cref="ActivityExecutionContext.CreateTask"/> assigns it.
    /// </summary>
    public string? Id { get; init; }

    /// <summary><c>enterprise</c>, <c>reviewer</c>, <c>expert-panel</c> …</summary>
    public required string Role { get; init; }
    public string? Region { get; init; }
    public string? Assignee { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public required string FormKey { get; init; }

    /// <summary>Inbox title (Chinese).</summary>
    public required string Title { get; init; }

    /// <summary>Outcomes the task may be completed with (ports of the activity).</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    /// <summary>Activity parameters the task handler needs (level, panel size, quota …).</summary>
    public JsonObject? Data { get; init; }
}
