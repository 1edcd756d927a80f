using System.Data.Common;
using System.Text.Json.Nodes;
using Certification.Workflows.Audit;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Definitions;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Workflows.Runtime;

/// <summary>
/// The durable side of the engine. Every step (a start, a task completion, an event, a timer) loads the instance,
/// runs the in-memory runner, and writes the new state, bookmarks, inbox tasks, journal lines and whatever domain
/// rows the step's host changed in ONE database transaction, with its audit entry. The instance row carries a
/// revision used as an optimistic concurrency token: of two racing steps on one instance exactly one commits.
/// A step that fails before committing leaves the last committed state, from which it is simply retried.
/// </summary>
/// <remarks>
/// The runtime's own rows go through <see cref="StepStore"/> (plain commands, no change tracking); the domain rows
/// the handler and the activities' host changed are saved by the context's SaveChanges in the same transaction.
/// </remarks>
public sealed class WorkflowRuntime(
    CertificationDbContext db,
    DefinitionCache definitions,
    WorkflowRunner runner,
    TimeProvider clock,
    IServiceProvider services)
{
    // The lifecycle registers the database-backed host; without one, Certification.* activities fault clearly.
    private readonly ICertificationHost? _host = services.GetService<ICertificationHost>();

    public async Task<StepAnswer> StartAsync(
        string definitionId, JsonObject? input, string? correlationId, string? actor, CancellationToken ct = default)
    {
        var workflow = await definitions.GetPublishedAsync(definitionId, ct);
        var result = await runner.StartAsync(workflow, input ?? [], Context(actor, correlationId), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var instance = new WorkflowInstanceRecord
        {
            Id = result.State.InstanceId,
            DefinitionId = workflow.DefinitionId,
            DefinitionVersion = workflow.Version,
            Status = result.State.Status.ToString(),
            CorrelationId = correlationId ?? result.State.CorrelationId ?? result.State.ApplicationId,
            StateJson = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        await CommitAsync(instance, loaded: null, result, actor, ct);
        return StepAnswer.From(instance, result);
    }

    /// <summary>
    /// Resumes the instance waiting on a bookmark. A bookmark already consumed (a task completed twice, a timer
    /// fired by two hosts) answers <see cref="ResumeOutcome.AlreadyResumed"/> and changes nothing.
    /// </summary>
    public async Task<StepAnswer> ResumeAsync(string bookmarkId, JsonObject? payload, string? actor, CancellationToken ct = default)
    {
        // One read for the bookmark and its instance; the instance a handler already read in this unit of work (e.g. for
        // the task's spec) is not read again.
        var bookmark = await db.Steps.ReadBookmarkAsync(bookmarkId, withInstance: db.StepInstance is null, ct);
        if (bookmark is not { } found)
        {
            var task = await db.Steps.ReadTaskAsync(bookmarkId, ct);
            return task is { Status: not HumanTaskStatus.Open } closed
                ? StepAnswer.NotApplied(ResumeOutcome.AlreadyResumed, closed.InstanceId,
                    $"该任务已于 {closed.CompletedAt:yyyy-MM-dd HH:mm} 处理（{closed.Status}{(closed.Outcome is null ? "" : "：" + closed.Outcome)}），不能重复提交。")
                : StepAnswer.NotApplied(ResumeOutcome.NotFound, null, $"没有等待中的书签 {bookmarkId}，可能已被处理。");
        }

        var instance = found.Instance
                       ?? db.KnownInstance(found.InstanceId)
                       ?? await db.Steps.ReadInstanceAsync(found.InstanceId, ct)
                       ?? throw new NotFoundException($"工作流实例 {found.InstanceId} 不存在");
        db.StepInstance = instance;
        var workflow = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
        var state = WorkflowInstanceState.FromJson(instance.StateJson);
        var result = await runner.ResumeAsync(workflow, state, bookmarkId, payload, Context(actor, instance.CorrelationId), ct);
        if (!result.Applied)
            return StepAnswer.NotApplied(result.Outcome, instance.Id, result.Error ?? result.Outcome.ToString());

        var loaded = Copy(instance);
        try
        {
            await CommitAsync(instance, loaded, result, actor, ct);
        }
        catch (Exception e)
        {
            // The step did not commit: the row in memory goes back to what was read, and the context forgets it.
            Restore(instance, loaded);
            db.StepInstance = null;
            if (e is not (DbUpdateException or DbException)) throw;
            // A write failed because another process committed a step of this instance (or a domain row's concurrency
            // token moved) since ours read it: ours is discarded whole. Any other database failure is reported as it is.
            db.ChangeTracker.Clear();
            if (e is not DbUpdateConcurrencyException && !await RevisionMovedAsync(instance.Id, loaded.Revision, ct)) throw;
            throw Conflict();
        }
        return StepAnswer.From(instance, result);
    }

    private static ConflictException Conflict() => new("该流程已被他人同时处理，本次操作未生效，请刷新后查看最新状态。");

    private async Task<bool> RevisionMovedAsync(string instanceId, int loadedRevision, CancellationToken ct)
    {
        try
        {
            return await db.Steps.ReadRevisionAsync(instanceId, ct) != loadedRevision;
        }
        catch (DbException)
        {
            // Inside a caller's transaction that the failure aborted (PostgreSQL) nothing more can be read: report the failure.
            return false;
        }
    }

    private WorkflowRunContext Context(string? actor, string? correlationId) => new()
    {
        Actor = actor,
        Host = _host,
        Services = services,
        Time = clock,
        CorrelationId = correlationId,
    };

    /// <summary>
    /// Writes one step: the runtime's rows by <see cref="StepStore"/>, then the tracked domain rows by SaveChanges, in the
    /// caller's transaction if one is open (a handler's, or the one <see cref="CertificationDbContext.LockUntilSavedAsync"/>
    /// began, which SaveChanges then commits), else in one begun and committed here; the commit appends the audit entry.
    /// </summary>
    private async Task CommitAsync(WorkflowInstanceRecord instance, WorkflowInstanceRecord? loaded, StepResult result, string? actor, CancellationToken ct)
    {
        var rows = Apply(instance, result, actor);
        var owned = db.Database.CurrentTransaction is null;
        var savepoints = db.Database.AutoSavepointsEnabled;
        var transaction = owned ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            // The instance first: a racing step waits here (PostgreSQL row lock; SQLite's single writer) and then sees the
            // revision moved, before it could trip over anything else it writes.
            if (loaded is null) await db.Steps.InsertInstanceAsync(instance, ct);
            else if (!await db.Steps.UpdateInstanceAsync(instance, loaded.Revision, ct))
            {
                db.ChangeTracker.Clear();
                throw Conflict();
            }

            var audit = new List<RowChange>();
            if (loaded is null) audit.Add(StepStore.InstanceAdded(instance));
            var deleted = rows.RemovedIds.Count > 0 ? await db.Steps.DeleteBookmarksAsync(rows.RemovedIds, ct) : [];
            var closed = rows.RemovedIds.Count > 0
                ? await db.Steps.CloseTasksAsync(rows.RemovedIds, rows.ResumedId, actor, rows.ResumedOutcome, rows.Now, ct)
                : [];
            await db.Steps.InsertBookmarksAsync(rows.Bookmarks, ct);
            await db.Steps.InsertTasksAsync(rows.Tasks, ct);
            await db.Steps.InsertJournalAsync(rows.Journal, ct);

            // As RowChange.From orders a save's rows: added, then modified, then deleted.
            audit.AddRange(rows.Bookmarks.Select(StepStore.BookmarkAdded));
            audit.AddRange(rows.Tasks.Select(StepStore.TaskAdded));
            audit.AddRange(rows.Journal.Select(StepStore.JournalAdded));
            if (loaded is not null && StepStore.InstanceModified(loaded, instance) is { } modified) audit.Add(modified);
            foreach (var id in closed)
            {
                var resumed = id == rows.ResumedId;
                if (StepStore.TaskClosed(id, resumed ? HumanTaskStatus.Completed : HumanTaskStatus.Cancelled, rows.Now,
                        resumed ? actor : null, resumed ? rows.ResumedOutcome : null) is { } change)
                    audit.Add(change);
            }
            audit.AddRange(deleted.Select(StepStore.BookmarkDeleted));
            // Staged now, as they are written, in every save path below; the entry lists them after the domain rows.
            // A transaction that does not commit discards them.
            db.Audit?.StageRuntime(audit);

            if (owned)
            {
                // Changes are accepted only after the commit, as the context's own SaveChanges does.
                db.Database.AutoSavepointsEnabled = false;
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                await transaction!.CommitAsync(ct);
                db.ChangeTracker.AcceptAllChanges();
            }
            else
            {
                // The caller's transaction, or the one LockUntilSavedAsync began, which this SaveChanges commits.
                await db.SaveChangesAsync(ct);
            }
            db.StepInstance = instance;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
            if (transaction is not null) await transaction.DisposeAsync();
        }
    }

    /// <summary>The runtime's rows of one step, mapped from the runner's result; the instance row is updated in memory.</summary>
    private sealed record StepRows(
        DateTime Now, List<string> RemovedIds, string? ResumedId, string? ResumedOutcome,
        List<BookmarkRecord> Bookmarks, List<HumanTaskRecord> Tasks, List<JournalEntryRecord> Journal);

    private StepRows Apply(WorkflowInstanceRecord instance, StepResult result, string? actor)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var state = result.State;
        instance.Status = state.Status.ToString();
        instance.StateJson = state.ToJson();
        instance.FaultMessage = state.Fault?.Message;
        instance.UpdatedAt = now;
        instance.Revision++;

        // The resumed task is completed with its outcome; a task whose activity moved on is cancelled.
        var resumedId = result.ResumedBookmark?.Id;
        var removedIds = result.BookmarksRemoved.Select(b => b.Id).ToList();
        var resumedOutcome = resumedId is null ? null : result.Journal.FirstOrDefault(j => j.BookmarkId == resumedId)?.Outcome;

        var bookmarks = new List<BookmarkRecord>(result.BookmarksCreated.Count);
        var tasks = new List<HumanTaskRecord>();
        foreach (var created in result.BookmarksCreated)
        {
            bookmarks.Add(new BookmarkRecord
            {
                Id = created.Id,
                InstanceId = instance.Id,
                ActivityId = created.ActivityId,
                Kind = created.Kind.ToString(),
                EventName = created.EventName,
                DueAt = created.Kind == BookmarkKind.Timer ? created.DueAt?.UtcDateTime : null,
                CreatedAt = now,
            });
            if (created is { Kind: BookmarkKind.Task, Task: { } task })
            {
                tasks.Add(new HumanTaskRecord
                {
                    Id = created.Id,
                    InstanceId = instance.Id,
                    ActivityId = created.ActivityId,
                    ActivityType = created.ActivityType,
                    Title = task.Title,
                    Role = task.Role,
                    Region = task.Region,
                    Assignee = task.Assignee,
                    FormKey = task.FormKey,
                    CorrelationId = instance.CorrelationId,
                    DueAt = task.DueAt?.UtcDateTime,
                    Status = HumanTaskStatus.Open,
                    CreatedAt = now,
                });
            }
        }

        var journal = new List<JournalEntryRecord>(result.Journal.Count);
        foreach (var entry in result.Journal)
        {
            journal.Add(new JournalEntryRecord
            {
                InstanceId = instance.Id,
                Sequence = ++instance.JournalCount,
                ActivityId = entry.ActivityId,
                ActivityType = entry.ActivityType,
                ActivityName = entry.ActivityName,
                Outcome = entry.Outcome ?? entry.Kind.ToString(),
                Actor = entry.Actor ?? actor,
                At = entry.Timestamp.UtcDateTime,
                Message = entry.Message.Length > 1000 ? entry.Message[..1000] : entry.Message,
            });
        }
        return new StepRows(now, removedIds, resumedId, resumedOutcome, bookmarks, tasks, journal);
    }

    private static WorkflowInstanceRecord Copy(WorkflowInstanceRecord i) => new()
    {
        Id = i.Id, DefinitionId = i.DefinitionId, DefinitionVersion = i.DefinitionVersion, Status = i.Status,
        CorrelationId = i.CorrelationId, StateJson = i.StateJson, JournalCount = i.JournalCount, Revision = i.Revision,
        FaultMessage = i.FaultMessage, CreatedAt = i.CreatedAt, UpdatedAt = i.UpdatedAt,
    };

    /// <summary>A step that did not commit leaves the row in memory as it was read.</summary>
    private static void Restore(WorkflowInstanceRecord i, WorkflowInstanceRecord loaded)
    {
        i.Status = loaded.Status;
        i.StateJson = loaded.StateJson;
        i.JournalCount = loaded.JournalCount;
        i.Revision = loaded.Revision;
        i.FaultMessage = loaded.FaultMessage;
        i.UpdatedAt = loaded.UpdatedAt;
    }
}

/// <summary>What a caller learns from one step.</summary>
public sealed record StepAnswer(
    ResumeOutcome Outcome, string? InstanceId, string? Status, bool Applied, string? Message,
    IReadOnlyList<string> Executed, IReadOnlyList<string> TaskIds)
{
    /// <summary>The instance's fault message when the step faulted it.</summary>
    public string? Fault { get; init; }

    /// <summary>The activity type of each task in <see cref="TaskIds"/>, in the same order.</summary>
    public IReadOnlyList<string> TaskActivityTypes { get; init; } = [];

    /// <summary>The task this step opened for an activity of <paramref name="activityType"/>, if it opened one.</summary>
    public string? TaskOf(string activityType) =>
        TaskActivityTypes.Zip(TaskIds).FirstOrDefault(t => t.First == activityType).Second;

    public static StepAnswer From(WorkflowInstanceRecord instance, StepResult result)
    {
        var tasks = result.TasksCreated;
        return new StepAnswer(result.Outcome, instance.Id, instance.Status, true, result.Error,
            result.ExecutedActivityIds, tasks.Select(t => t.Id).ToList())
        {
            Fault = instance.FaultMessage,
            TaskActivityTypes = tasks.Select(t => t.ActivityType).ToList(),
        };
    }

    public static StepAnswer NotApplied(ResumeOutcome outcome, string? instanceId, string message) =>
        new(outcome, instanceId, null, false, message, [], []);
}
