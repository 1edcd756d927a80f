using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Validation;

namespace Certification.Workflows.Engine.Simulation;

/// <summary>
/// The outcome of a simulated run. Serialises exactly to
/// <c>{"status", "executed", "waitingOn", "variables", "error"}</c> (<see cref="ToJson"/>); the other
/// members are for callers that want more (CLI verbose output, tests).
/// </summary>
public sealed class SimulationReport
{
    [JsonPropertyName("status"), JsonConverter(typeof(JsonStringEnumConverter))]
    public required WorkflowStatus Status { get; init; }

    /// <summary>Activity ids in execution order (an activity running twice appears twice; resumptions are not repeated).</summary>
    [JsonPropertyName("executed")]
    public required IReadOnlyList<string> Executed { get; init; }

    /// <summary>Activities holding bookmarks at the end.</summary>
    [JsonPropertyName("waitingOn")]
    public required IReadOnlyList<string> WaitingOn { get; init; }

    [JsonPropertyName("variables")]
    public required JsonObject Variables { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonIgnore] public WorkflowInstanceState? State { get; init; }
    [JsonIgnore] public IReadOnlyList<JournalEntry> Journal { get; init; } = [];
    [JsonIgnore] public IReadOnlyList<WorkflowEffect> Effects { get; init; } = [];
    [JsonIgnore] public IReadOnlyList<SimulationRecord> HostRecords { get; init; } = [];

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Pretty = new(Compact) { WriteIndented = true };

    public string ToJson(bool indented = false) => JsonSerializer.Serialize(this, indented ? Pretty : Compact);
}

public sealed record SimulationOptions
{
    /// <summary>Where the virtual clock starts (default: now).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Timers fired at most (periodic flows such as renewals would never stop).</summary>
    public int MaxTimerFirings { get; init; } = 100;
    public string Actor { get; init; } = "simulation";
}

/// <summary>
/// Test-runs a definition in memory with a virtual clock and the <see cref="SimulationHost"/>.
/// Events are delivered in order: <c>{"event": NAME, "payload": {...}}</c> resumes an
/// <c>Elsa.Event</c> waiting for NAME; <c>{"task": ACTIVITY_ID, "outcome": PORT, "payload": {...}}</c>
/// completes that activity's human task. When the next event cannot be delivered yet, the clock
/// jumps to the earliest timer and fires it, repeatedly; an event that can never be delivered stops
/// the run (status as the instance is, usually Suspended) with the reason in <c>error</c>. After the
/// events, pending timers keep firing (bounded) until none remain.
/// </summary>
public sealed class WorkflowSimulator(ActivityRegistry? registry = null, WorkflowRunnerOptions? options = null)
{
    private readonly WorkflowRunner _runner = new(registry, options);

    public static SimulationReport Run(string definitionJson, JsonObject? input = null, JsonArray? events = null, SimulationOptions? options = null) =>
        new WorkflowSimulator().Simulate(definitionJson, input, events, options);

    public SimulationReport Simulate(string definitionJson, JsonObject? input, JsonArray? events, SimulationOptions? options = null)
    {
        WorkflowDefinition definition;
        try
        {
            definition = WorkflowDefinitionReader.Read(definitionJson);
        }
        catch (WorkflowDefinitionFormatException ex)
        {
            return Failed(ex.Message);
        }
        return Simulate(definition, input, events, options);
    }

    public SimulationReport Simulate(WorkflowDefinition definition, JsonObject? input, JsonArray? events, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        CompiledWorkflow workflow;
        try
        {
            workflow = CompiledWorkflow.Compile(definition, _runner.Registry, _runner.Options.ScriptLimits);
        }
        catch (WorkflowValidationException ex)
        {
            return Failed("定义校验未通过：" + string.Join("；", ex.Errors.Select(e => e.ToString())));
        }

        var clock = new VirtualClock(options.StartTime ?? TimeProvider.System.GetUtcNow());
        var host = SimulationHost.FromInput(input);
        var context = new WorkflowRunContext { Actor = options.Actor, Host = host, Time = clock, Ids = new SequentialIdGenerator("sim-") };
        var executed = new List<string>();
        var journal = new List<JournalEntry>();
        var effects = new List<WorkflowEffect>();
        var firings = 0;
        string? error = null;

        var result = _runner.Start(workflow, input, context);
        Collect(result);
        var state = result.State;

        var list = events ?? [];
        for (var i = 0; i < list.Count && error is null; i++)
        {
            var label = $"第 {i + 1} 个事件";
            if (list[i] is not JsonObject e)
            {
                error = $"{label}格式无效：应为 {{\"event\": ...}} 或 {{\"task\": ..., \"outcome\": ...}}。";
                break;
            }
            var eventName = (e["event"] ?? e["Event"]).AsString();
            var taskId = (e["task"] ?? e["Task"]).AsString();
            if (eventName is null && taskId is null)
            {
                error = $"{label}格式无效：缺少 event 或 task。";
                break;
            }
            var description = eventName is not null ? $"事件 {eventName}" : $"任务 {taskId}";
            while (true)
            {
                if (state.Status != WorkflowStatus.Suspended)
                {
                    error = $"{label}（{description}）无法投递：实例已{StatusText(state.Status)}。";
                    break;
                }
                var target = eventName is not null
                    ? state.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.Event && b.EventName == eventName)
                    : state.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.Task && b.ActivityId == taskId);
                if (target is not null)
                {
                    var payload = (e["payload"] ?? e["data"])?.DeepClone() as JsonObject ?? new JsonObject();
                    if (taskId is not null) payload["outcome"] = (e["outcome"] ?? e["Outcome"])?.DeepClone();
                    result = _runner.Resume(workflow, state, target.Id, payload, context);
                    if (!result.Applied)
                    {
                        error = $"{label}（{description}）未被接受：{result.Error}";
                        break;
                    }
                    Collect(result);
                    state = result.State;
                    break;
                }
                if (!TryFireTimer())
                {
                    var waiting = string.Join(", ", state.Bookmarks.Select(b => b.ActivityId).Distinct());
                    error = $"{label}（{description}）无法投递：实例没有在等待它（正在等待：{(waiting.Length == 0 ? "无" : waiting)}）。";
                    break;
                }
            }
        }
        if (error is null)
        {
            while (state.Status == WorkflowStatus.Suspended && TryFireTimer()) { }
            if (state.Status == WorkflowStatus.Suspended && firings >= options.MaxTimerFirings && state.Bookmarks.Any(b => b.Kind == BookmarkKind.Timer))
                error = $"已触发 {firings} 个定时器，仍有定时器待触发（可能是周期性流程），模拟停止。";
        }
        if (state.Status == WorkflowStatus.Faulted) error ??= result.Error ?? state.Fault?.Message;

        return new SimulationReport
        {
            Status = state.Status,
            Executed = executed,
            WaitingOn = state.Bookmarks.Select(b => b.ActivityId).Distinct().ToList(),
            Variables = (JsonObject)state.Variables.DeepClone(),
            Error = error,
            State = state,
            Journal = journal,
            Effects = effects,
            HostRecords = host.Records,
        };

        bool TryFireTimer()
        {
            if (firings >= options.MaxTimerFirings) return false;
            var timer = state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer).OrderBy(b => b.DueAt).FirstOrDefault();
            if (timer is null) return false;
            clock.AdvanceTo(timer.DueAt!.Value);
            firings++;
            result = _runner.Resume(workflow, state, timer.Id, null, context);
            Collect(result);
            state = result.State;
            return true;
        }

        void Collect(StepResult r)
        {
            executed.AddRange(r.ExecutedActivityIds);
            journal.AddRange(r.Journal);
            effects.AddRange(r.Effects);
        }
    }

    private static string StatusText(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Finished => "结束",
        WorkflowStatus.Faulted => "出错",
        _ => status.ToString(),
    };

    private static SimulationReport Failed(string error) => new()
    {
        Status = WorkflowStatus.Faulted,
        Executed = [],
        WaitingOn = [],
        Variables = new JsonObject(),
        Error = error,
    };
}
