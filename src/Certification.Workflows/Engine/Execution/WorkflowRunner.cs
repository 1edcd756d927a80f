using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;

namespace Certification.Workflows.Engine.Execution;

/// <summary>
/// Runs flowcharts, purely in memory: each call takes a state and returns the next one (plus what
/// changed) without touching anything else, so the caller can commit a whole step in one
/// transaction. Each call runs until nothing is runnable: every path ended, the instance waits on
/// bookmarks only, it finished, or it faulted. Thread-safe; never sleeps (timers are bookmarks the
/// host resumes when due).
/// </summary>
public sealed class WorkflowRunner(ActivityRegistry? registry = null, WorkflowRunnerOptions? options = null)
{
    public ActivityRegistry Registry { get; } = registry ?? ActivityRegistry.Default;
    public WorkflowRunnerOptions Options { get; } = options ?? new WorkflowRunnerOptions();

    /// <summary>Validates and compiles a definition (cached on the definition object; see also <see cref="CompiledWorkflowCache"/>).</summary>
    public CompiledWorkflow Compile(WorkflowDefinition definition) =>
        DefinitionCompilationCache.Get(definition, Registry, Options.ScriptLimits);

    /// <summary>Creates an instance and runs its first step from the start activity.</summary>
    public async Task<StepResult> StartAsync(CompiledWorkflow workflow, JsonObject? input, WorkflowRunContext context, CancellationToken cancellationToken = default)
    {
        var now = context.Time.GetUtcNow();
        var inputCopy = input is null ? new JsonObject() : (JsonObject)input.DeepClone();
        var state = new WorkflowInstanceState
        {
            InstanceId = context.Ids.NewId(),
            DefinitionId = workflow.DefinitionId,
            DefinitionVersion = workflow.Version,
            DefinitionVersionId = workflow.VersionId,
            Status = WorkflowStatus.Running,
            ApplicationId = context.ApplicationId ?? inputCopy["applicationId"].AsString(),
            CorrelationId = context.CorrelationId ?? inputCopy["correlationId"].AsString(),
            Input = inputCopy,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var variable in workflow.Variables)
            state.Variables[variable.Name] = variable.InitialValue?.DeepClone();

        var step = new StepExecution(this, workflow, state, context, [], cancellationToken);
        step.Schedule(workflow.Start.Id);
        await step.RunAsync().ConfigureAwait(false);
        return step.Complete(ResumeOutcome.Started, null);
    }

    public Task<StepResult> StartAsync(WorkflowDefinition definition, JsonObject? input, WorkflowRunContext context, CancellationToken cancellationToken = default) =>
        StartAsync(Compile(definition), input, context, cancellationToken);

    /// <summary>
    /// Resumes one bookmark. If it is not active — resumed before, removed, or unknown — or the
    /// payload is not acceptable, returns without changing anything (<see cref="StepResult.Applied"/> false,
    /// <see cref="StepResult.State"/> is <paramref name="state"/>). The input state is never modified.
    /// A task bookmark needs <c>{"outcome": "&lt;Port&gt;", ...}</c> with an outcome the task allows.
    /// </summary>
    public async Task<StepResult> ResumeAsync(CompiledWorkflow workflow, WorkflowInstanceState state, string bookmarkId, JsonObject? payload,
        WorkflowRunContext context, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(state.DefinitionId, workflow.DefinitionId, StringComparison.Ordinal) || state.DefinitionVersion != workflow.Version)
            throw new ArgumentException($"实例 {state.InstanceId} 属于 {state.DefinitionId} v{state.DefinitionVersion}，不能用 {workflow.DefinitionId} v{workflow.Version} 恢复。", nameof(workflow));

        var bookmark = state.Bookmarks.FirstOrDefault(b => string.Equals(b.Id, bookmarkId, StringComparison.Ordinal));
        if (bookmark is null)
        {
            return state.ConsumedBookmarkIds.Contains(bookmarkId, StringComparer.Ordinal)
                ? Unchanged(state, ResumeOutcome.AlreadyResumed, $"书签 {bookmarkId} 已经恢复过，本次请求未产生任何变化。")
                : Unchanged(state, ResumeOutcome.NotFound, $"实例 {state.InstanceId} 没有活动的书签 {bookmarkId}（状态：{state.Status}）。");
        }

        string? outcome = null;
        if (bookmark.Kind == BookmarkKind.Task)
        {
            var requested = payload?["outcome"].AsString();
            var allowed = bookmark.Task?.Outcomes is { Count: > 0 } taskOutcomes
                ? taskOutcomes
                : workflow.TryGetActivity(bookmark.ActivityId, out var a) ? a.Outcomes : null;
            outcome = allowed is null ? requested : allowed.FirstOrDefault(o => string.Equals(o, requested, StringComparison.OrdinalIgnoreCase));
            if (string.IsNullOrEmpty(outcome))
                return Unchanged(state, ResumeOutcome.InvalidPayload, string.IsNullOrEmpty(requested)
                    ? $"完成任务需要 outcome（可选：{string.Join(", ", allowed ?? [])}）。"
                    : $"任务结果 '{requested}' 无效（可选：{string.Join(", ", allowed ?? [])}）。");
        }

        var working = state.Clone();
        working.Status = WorkflowStatus.Running;
        working.Fault = null;
        var step = new StepExecution(this, workflow, working, context, state.Bookmarks, cancellationToken);
        await step.ResumeAsync(bookmark, payload, outcome).ConfigureAwait(false);
        await step.RunAsync().ConfigureAwait(false);
        return step.Complete(ResumeOutcome.Resumed, bookmark);
    }

    public Task<StepResult> ResumeAsync(WorkflowDefinition definition, WorkflowInstanceState state, string bookmarkId, JsonObject? payload,
        WorkflowRunContext context, CancellationToken cancellationToken = default) =>
        ResumeAsync(Compile(definition), state, bookmarkId, payload, context, cancellationToken);

    /// <summary>Synchronous <see cref="StartAsync(CompiledWorkflow, JsonObject?, WorkflowRunContext, CancellationToken)"/>, for hosts whose port completes synchronously (simulation, CLI).</summary>
    public StepResult Start(CompiledWorkflow workflow, JsonObject? input, WorkflowRunContext context) =>
        StartAsync(workflow, input, context).GetAwaiter().GetResult();

    /// <summary>Synchronous <see cref="ResumeAsync(CompiledWorkflow, WorkflowInstanceState, string, JsonObject?, WorkflowRunContext, CancellationToken)"/>.</summary>
    public StepResult Resume(CompiledWorkflow workflow, WorkflowInstanceState state, string bookmarkId, JsonObject? payload, WorkflowRunContext context) =>
        ResumeAsync(workflow, state, bookmarkId, payload, context).GetAwaiter().GetResult();

    private static StepResult Unchanged(WorkflowInstanceState state, ResumeOutcome outcome, string error) =>
        new() { Outcome = outcome, State = state, Error = error };
}
