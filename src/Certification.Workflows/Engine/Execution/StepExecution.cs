using System.Globalization;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Expressions;

namespace Certification.Workflows.Engine.Execution;

/// <summary>One step of one instance: the scheduler loop, joins, bookmarks, journal. Works on a private copy of the state.</summary>
internal sealed class StepExecution : IScriptScope
{
    private readonly record struct WorkItem(string ActivityId, CompiledConnection? Via, bool ReleasedJoin);

    private readonly WorkflowRunner _runner;
    private readonly IReadOnlyList<Bookmark> _initialBookmarks;
    private readonly Queue<WorkItem> _queue = new();
    private readonly List<JournalEntry> _journal = [];
    private readonly List<string> _executed = [];
    private ScriptEvaluator? _scripts;
    private int _executions;
    private bool _halted;
    private bool _faulted;
    private bool _finishRequested;
    private string? _error;

    public StepExecution(WorkflowRunner runner, CompiledWorkflow workflow, WorkflowInstanceState state, WorkflowRunContext context,
        IReadOnlyList<Bookmark> initialBookmarks, CancellationToken cancellationToken)
    {
        _runner = runner;
        Workflow = workflow;
        State = state;
        Context = context;
        _initialBookmarks = initialBookmarks;
        CancellationToken = cancellationToken;
    }

    public CompiledWorkflow Workflow { get; }
    public WorkflowInstanceState State { get; }
    public WorkflowRunContext Context { get; }
    public CancellationToken CancellationToken { get; }
    public List<WorkflowEffect> Effects { get; } = [];
    public Queue<(string EventName, JsonObject? Payload)> LocalDeliveries { get; } = new();
    public DateTimeOffset Now => Context.Time.GetUtcNow();
    public ScriptEvaluator Scripts => _scripts ??= new ScriptEvaluator(_runner.Options.ScriptLimits);

    // ---- IScriptScope ----
    JsonObject IScriptScope.Variables => State.Variables;
    JsonObject IScriptScope.Input => State.Input;
    void IScriptScope.SetVariable(string name, JsonNode? value) => SetVariableLenient(name, value);

    public void Schedule(string activityId) => _queue.Enqueue(new WorkItem(activityId, null, false));

    public async Task RunAsync()
    {
        while (!_halted)
        {
            while (!_halted && _queue.TryDequeue(out var item))
            {
                CancellationToken.ThrowIfCancellationRequested();
                var activity = Workflow.GetActivity(item.ActivityId);
                if (activity.IsJoin && !item.ReleasedJoin && !Arrive(activity, item.Via)) continue;
                if (!Count(activity)) return;
                _executed.Add(activity.Id);
                await ExecuteAsync(activity, null).ConfigureAwait(false);
            }
            if (_halted || !ReleaseJoinsThatCannotComplete()) break;
        }
    }

    public async Task ResumeAsync(Bookmark bookmark, JsonObject? payload, string? outcome)
    {
        var activity = Workflow.GetActivity(bookmark.ActivityId);
        State.Bookmarks.RemoveAll(b => b.GroupId == bookmark.GroupId);
        State.ConsumedBookmarkIds.Add(bookmark.Id);
        // Only recent resumptions can race with a repeat (two hosts firing one timer, a double click); the durable
        // runtime answers older repeats from its task rows. Bounded, the state stays the same size over a long history.
        if (State.ConsumedBookmarkIds.Count > WorkflowInstanceState.ConsumedBookmarksKept)
            State.ConsumedBookmarkIds.RemoveRange(0, State.ConsumedBookmarkIds.Count - WorkflowInstanceState.ConsumedBookmarksKept);
        if (!Count(activity)) return;
        await ExecuteAsync(activity, new BookmarkResumption(bookmark, payload, outcome)).ConfigureAwait(false);
    }

    private bool Count(CompiledActivity activity)
    {
        var max = _runner.Options.MaxActivityExecutionsPerStep;
        if (++_executions <= max) return true;
        Fault(activity, $"单步执行的活动次数超过上限（{max}），可能存在无限循环。");
        return false;
    }

    private async Task ExecuteAsync(CompiledActivity activity, BookmarkResumption? resumption)
    {
        var context = new ActivityExecutionContext(this, activity, resumption);
        try
        {
            if (resumption is null) await activity.Implementation.ExecuteAsync(context).ConfigureAwait(false);
            else await activity.Implementation.ResumeAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HostCallFailedException ex)
        {
            // Infrastructure trouble in the host: abort the whole step (the caller's transaction rolls back).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
        }
        catch (Exception ex)
        {
            Fault(activity, Describe(ex));
            return;
        }

        if (resumption is not null)
        {
            var outcomeText = context.Outcomes is { Count: > 0 } o ? string.Join(",", o) : null;
            Journal(activity, JournalEntryKind.Resumed, outcomeText, ResumedMessage(resumption, outcomeText, context.JournalMessage), resumption.Bookmark.Id);
        }

        if (context.Bookmarks.Count > 0)
        {
            State.Bookmarks.AddRange(context.Bookmarks);
            Journal(activity, JournalEntryKind.Suspended, null,
                (resumption is null ? context.JournalMessage : null) ?? string.Join("；", context.Bookmarks.Select(Describe)));
            return;
        }

        var outcomes = context.Outcomes ?? [];
        if (resumption is null)
            Journal(activity, JournalEntryKind.Executed, outcomes.Count > 0 ? string.Join(",", outcomes) : null,
                context.JournalMessage ?? (context.FinishRequested ? "结束实例" : outcomes.Count > 0 ? "完成，结果：" + string.Join(",", outcomes) : "路径结束"));

        if (context.FinishRequested)
        {
            _finishRequested = true;
            _halted = true;
            return;
        }

        foreach (var outcome in outcomes.Distinct(StringComparer.OrdinalIgnoreCase))
            foreach (var connection in Workflow.Outbound(activity.Id, outcome))
                _queue.Enqueue(new WorkItem(connection.TargetId, connection, false));

        while (!_halted && LocalDeliveries.TryDequeue(out var delivery))
        {
            var waiting = State.Bookmarks.Where(b => b.Kind == BookmarkKind.Event && string.Equals(b.EventName, delivery.EventName, StringComparison.Ordinal)).ToList();
            foreach (var bookmark in waiting)
                if (!_halted && State.Bookmarks.Contains(bookmark))
                    await ResumeAsync(bookmark, delivery.Payload?.DeepClone() as JsonObject, null).ConfigureAwait(false);
        }
    }

    // ---- joins ----

    /// <summary>Records an arrival at a join; true when the join runs now.</summary>
    private bool Arrive(CompiledActivity join, CompiledConnection? via)
    {
        if (via is null) return true;
        var mode = join.JoinMode!.Value;
        var inbound = Workflow.Inbound(join.Id);
        if (!State.Joins.TryGetValue(join.Id, out var round)) State.Joins[join.Id] = round = new JoinState();
        if (round.Arrived.Contains(via.Key))
        {
            // The same path again: a new round begins (loops).
            round.Arrived.Clear();
            round.Fired = false;
        }
        round.Arrived.Add(via.Key);
        var complete = inbound.All(c => round.Arrived.Contains(c.Key));

        if (mode == JoinMode.WaitAny)
        {
            var fire = !round.Fired;
            round.Fired = true;
            // The round ends once every inbound path arrived or can only come back through the join itself (loops).
            if (complete || !CanStillArrive(join.Id, inbound.Where(c => !round.Arrived.Contains(c.Key)).ToList()))
                State.Joins.Remove(join.Id);
            if (!fire) Journal(join, JournalEntryKind.Executed, null, $"汇聚（任一）：本轮已继续，忽略来自 '{via.SourceId}' 的到达");
            return fire;
        }
        if (complete)
        {
            State.Joins.Remove(join.Id);
            return true;
        }
        Journal(join, JournalEntryKind.Suspended, null, $"汇聚（全部）：等待其余分支（已到达 {round.Arrived.Count}/{inbound.Count}）");
        return false;
    }

    /// <summary>
    /// When nothing else is runnable: a join whose missing branches can no longer arrive (their
    /// sources are not reachable from anything still active) ends its round — a waiting WaitAll
    /// join runs with the branches that did arrive. True when a join was scheduled.
    /// </summary>
    private bool ReleaseJoinsThatCannotComplete()
    {
        var released = false;
        foreach (var (joinId, round) in State.Joins.OrderBy(j => j.Key, StringComparer.Ordinal).ToList())
        {
            var missing = Workflow.Inbound(joinId).Where(c => !round.Arrived.Contains(c.Key)).ToList();
            if (missing.Count > 0 && CanStillArrive(joinId, missing)) continue;
            State.Joins.Remove(joinId);
            if (round.Fired) continue;
            _queue.Enqueue(new WorkItem(joinId, null, true));
            released = true;
        }
        return released;
    }

    private bool CanStillArrive(string joinId, List<CompiledConnection> missing)
    {
        var sources = missing.Select(c => c.SourceId).ToHashSet(StringComparer.Ordinal);
        var active = State.Bookmarks.Select(b => b.ActivityId)
            .Concat(_queue.Select(i => i.ActivityId))
            .Concat(State.Joins.Where(j => j.Key != joinId && !j.Value.Fired).Select(j => j.Key));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>();
        foreach (var id in active)
            if (id != joinId && seen.Add(id)) pending.Enqueue(id);
        while (pending.TryDequeue(out var id))
        {
            if (sources.Contains(id)) return true;
            foreach (var next in Workflow.Successors(id))
                if (next != joinId && seen.Add(next)) pending.Enqueue(next);
        }
        return false;
    }

    // ---- variables ----

    public JsonNode? GetVariable(string name)
    {
        var key = ResolveVariableName(name);
        return State.Variables.TryGetPropertyValue(key, out var value) ? value : null;
    }

    /// <summary>Writes a variable converted to its declared type; throws when it does not convert.</summary>
    public void SetVariableStrict(string name, JsonNode? value)
    {
        var key = ResolveVariableName(name);
        var kind = Workflow.FindVariable(key)?.Kind ?? ValueKind.Any;
        State.Variables[key] = ValueConverter.Normalize(Detach(value), kind);
    }

    /// <summary>Writes a variable, converted to its declared type when possible (scripts, outputs).</summary>
    public void SetVariableLenient(string name, JsonNode? value)
    {
        try
        {
            SetVariableStrict(name, value);
        }
        catch (ValueConversionException)
        {
            State.Variables[ResolveVariableName(name)] = Detach(value);
        }
    }

    private static JsonNode? Detach(JsonNode? value) => value?.Parent is null ? value : value.DeepClone();

    private string ResolveVariableName(string name)
    {
        if (Workflow.FindVariable(name) is { } declared) return declared.Name;
        if (State.Variables.ContainsKey(name)) return name;
        foreach (var (key, _) in State.Variables)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return key;
        return name;
    }

    // ---- outcome ----

    private void Fault(CompiledActivity activity, string message)
    {
        State.Fault = new WorkflowFault(activity.Id, activity.Label, message);
        _error = $"活动 '{activity.Id}'（{activity.Label}）出错：{message}";
        _faulted = true;
        _halted = true;
        Journal(activity, JournalEntryKind.Faulted, null, message);
    }

    public StepResult Complete(ResumeOutcome outcome, Bookmark? resumed)
    {
        var now = Now;
        if (_faulted || _finishRequested || State.Bookmarks.Count == 0)
        {
            State.Status = _faulted ? WorkflowStatus.Faulted : WorkflowStatus.Finished;
            State.Bookmarks.Clear();
            State.Joins.Clear();
            State.FinishedAt = now;
            if (!_faulted)
                Journal(Workflow.Definition.Root.Id, Workflow.Definition.Root.Type, Workflow.Definition.Name, JournalEntryKind.Finished, null, "流程实例结束", null);
        }
        else
        {
            State.Status = WorkflowStatus.Suspended;
        }
        State.UpdatedAt = now;
        State.StepCount++;

        var before = _initialBookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var after = State.Bookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        return new StepResult
        {
            Outcome = outcome,
            State = State,
            ResumedBookmark = resumed,
            Journal = _journal,
            BookmarksCreated = State.Bookmarks.Where(b => !before.Contains(b.Id)).ToList(),
            BookmarksRemoved = _initialBookmarks.Where(b => !after.Contains(b.Id)).ToList(),
            Effects = Effects,
            ExecutedActivityIds = _executed,
            Error = _error,
        };
    }

    // ---- journal ----

    private void Journal(CompiledActivity activity, JournalEntryKind kind, string? outcome, string message, string? bookmarkId = null) =>
        Journal(activity.Id, activity.Type, activity.Label, kind, outcome, message, bookmarkId);

    private void Journal(string activityId, string activityType, string? activityName, JournalEntryKind kind, string? outcome, string message, string? bookmarkId) =>
        _journal.Add(new JournalEntry
        {
            Sequence = ++State.JournalSequence,
            Timestamp = Now,
            ActivityId = activityId,
            ActivityType = activityType,
            ActivityName = activityName,
            Kind = kind,
            Outcome = outcome,
            Actor = Context.Actor,
            BookmarkId = bookmarkId,
            Message = message,
        });

    private static string Describe(Bookmark b) => b.Kind switch
    {
        BookmarkKind.Task => $"等待人工任务「{b.Task!.Title}」（角色 {b.Task.Role}{(b.Task.DueAt is { } due ? "，期限 " + Format(due) : "")}）",
        BookmarkKind.Event => $"等待事件 {b.EventName}",
        _ => $"等待至 {Format(b.DueAt!.Value)}",
    };

    private static string ResumedMessage(BookmarkResumption r, string? outcome, string? custom)
    {
        if (custom is not null) return custom;
        var b = r.Bookmark;
        var text = b.Kind switch
        {
            BookmarkKind.Task => $"任务「{b.Task!.Title}」完成：{outcome}",
            BookmarkKind.Event => $"收到事件 {b.EventName}" + (outcome is null ? "" : $"，结果：{outcome}"),
            _ => "定时到期" + (outcome is null ? "" : $"，结果：{outcome}"),
        };
        var comment = r.Payload?["comment"].AsString();
        return string.IsNullOrWhiteSpace(comment) ? text : $"{text}（意见：{comment}）";
    }

    private static string Format(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private static string Describe(Exception ex) => ex switch
    {
        ActivityInputException or ScriptException or ValueConversionException or InvalidOperationException or CertificationHostException => ex.Message,
        _ => $"{ex.GetType().Name}：{ex.Message}",
    };
}
