using System.Text.Json.Nodes;
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
/// rows the step's host changed in ONE SaveChanges, i.e. one database transaction. The instance row carries a
/// revision used as an optimistic concurrency token: of two racing steps on one instance exactly one commits.
/// A step that fails before committing leaves the last committed state, from which it is simply retried.
/// </summary>
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
        db.WorkflowInstances.Add(instance);
        await ApplyAsync(instance, result, actor, ct);
        await db.SaveChangesAsync(ct);
        return StepAnswer.From(instance, result);
    }

    /// <summary>
    /// Resumes the instance waiting on a bookmark. A bookmark already consumed (a task completed twice, a timer
    /// fired by two hosts) answers <see cref="ResumeOutcome.AlreadyResumed"/> and changes nothing.
    /// </summary>
    public async Task<StepAnswer> ResumeAsync(string bookmarkId, JsonObject? payload, string? actor, CancellationToken ct = default)
    {
        var bookmark = await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookmarkId, ct);
        if (bookmark is null)
        {
            var task = await db.HumanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == bookmarkId, ct);
            return task is { Status: not HumanTaskStatus.Open }
                ? StepAnswer.NotApplied(ResumeOutcome.AlreadyResumed, task.InstanceId,
                    $"该任务已于 {task.CompletedAt:yyyy-MM-dd HH:mm} 处理（{task.Status}{(task.Outcome is null ? "" : "：" + task.Outcome)}），不能重复提交。")
                : StepAnswer.NotApplied(ResumeOutcome.NotFound, null, $"没有等待中的书签 {bookmarkId}，可能已被处理。");
        }

        // Find: the row a handler already read in this request (e.g. for the task's spec) is not read again.
        var instance = await db.WorkflowInstances.FindAsync([bookmark.InstanceId], ct)
                       ?? throw new NotFoundException($"工作流实例 {bookmark.InstanceId} 不存在");
        var workflow = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
        var loadedRevision = instance.Revision;
        var state = WorkflowInstanceState.FromJson(instance.StateJson);
        var result = await runner.ResumeAsync(workflow, state, bookmarkId, payload, Context(actor, instance.CorrelationId), ct);
        if (!result.Applied)
            return StepAnswer.NotApplied(result.Outcome, instance.Id, result.Error ?? result.Outcome.ToString());

        await ApplyAsync(instance, result, actor, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another process committed a step of this instance first: ours is discarded whole. SQLite reports that as a
            // concurrency failure on the revision; PostgreSQL may first trip over the journal's unique sequence instead.
            db.ChangeTracker.Clear();
            if (e is not DbUpdateConcurrencyException && !await RevisionMovedAsync(instance.Id, loadedRevision, ct)) throw;
            throw new ConflictException("该流程已被他人同时处理，本次操作未生效，请刷新后查看最新状态。");
        }
        return StepAnswer.From(instance, result);
    }

    private async Task<bool> RevisionMovedAsync(string instanceId, int loadedRevision, CancellationToken ct) =>
        await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.Revision).FirstOrDefaultAsync(ct)
        != loadedRevision;

    private WorkflowRunContext Context(string? actor, string? correlationId) => new()
    {
        Actor = actor,
        Host = _host,
        Services = services,
        Time = clock,
        CorrelationId = correlationId,
    };

    /// <summary>Maps one step's result onto the rows; nothing is written until the caller's SaveChanges.</summary>
    private async Task ApplyAsync(WorkflowInstanceRecord instance, StepResult result, string? actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var state = result.State;
        instance.Status = state.Status.ToString();
        instance.StateJson = state.ToJson();
        instance.FaultMessage = state.Fault?.Message;
        instance.UpdatedAt = now;
        instance.Revision++;

        var removedIds = result.BookmarksRemoved.Select(b => b.Id).ToList();
        if (removedIds.Count > 0)
        {
            db.Bookmarks.RemoveRange(await db.Bookmarks.Where(b => removedIds.Contains(b.Id)).ToListAsync(ct));
            var resumedId = result.ResumedBookmark?.Id;
            foreach (var task in await db.HumanTasks.Where(t => removedIds.Contains(t.Id)).ToListAsync(ct))
            {
                // The resumed task is completed with its outcome; a task whose activity moved on is cancelled.
                var resumed = task.Id == resumedId;
                task.Status = resumed ? HumanTaskStatus.Completed : HumanTaskStatus.Cancelled;
                task.CompletedAt = now;
                task.CompletedBy = resumed ? actor : null;
                task.Outcome = resumed ? result.Journal.FirstOrDefault(j => j.BookmarkId == task.Id)?.Outcome : null;
            }
        }

        foreach (var created in result.BookmarksCreated)
        {
            db.Bookmarks.Add(new BookmarkRecord
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
                db.HumanTasks.Add(new HumanTaskRecord
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

        foreach (var entry in result.Journal)
        {
            db.JournalEntries.Add(new JournalEntryRecord
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
    }
}

/// <summary>What a caller learns from one step.</summary>
public sealed record StepAnswer(
    ResumeOutcome Outcome, string? InstanceId, string? Status, bool Applied, string? Message,
    IReadOnlyList<string> Executed, IReadOnlyList<string> TaskIds)
{
    public static StepAnswer From(WorkflowInstanceRecord instance, StepResult result) =>
        new(result.Outcome, instance.Id, instance.Status, true, result.Error,
            result.ExecutedActivityIds, result.TasksCreated.Select(t => t.Id).ToList());

    public static StepAnswer NotApplied(ResumeOutcome outcome, string? instanceId, string message) =>
        new(outcome, instanceId, null, false, message, [], []);
}
