using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Expressions;

namespace Certification.Workflows.Engine.Execution;

/// <summary>A resumed bookmark and what it was resumed with.</summary>
public sealed record BookmarkResumption(Bookmark Bookmark, JsonObject? Payload, string? Outcome);

/// <summary>An input could not be evaluated.</summary>
public sealed class ActivityInputException(string inputName, string message, Exception? inner = null)
    : Exception($"输入 '{inputName}'：{message}", inner)
{
    public string InputName { get; } = inputName;
}

/// <summary>
/// What an activity sees and can do during one execution or resumption: evaluate its inputs, read
/// and write variables, complete with outcomes, create bookmarks, finish the instance, emit effects.
/// </summary>
public sealed class ActivityExecutionContext
{
    private readonly StepExecution _step;
    private List<string>? _outcomes;
    private List<Bookmark>? _bookmarks;
    private string? _groupId;

    internal ActivityExecutionContext(StepExecution step, CompiledActivity activity, BookmarkResumption? resumption)
    {
        _step = step;
        Activity = activity;
        Resumption = resumption;
    }

    public CompiledActivity Activity { get; }
    public string ActivityId => Activity.Id;
    public CompiledWorkflow Workflow => _step.Workflow;
    public string InstanceId => _step.State.InstanceId;
    public string? ApplicationId => _step.State.ApplicationId;
    public JsonObject WorkflowInput => _step.State.Input;
    public WorkflowRunContext RunContext => _step.Context;
    public string? Actor => _step.Context.Actor;
    public DateTimeOffset Now => _step.Now;
    public CancellationToken CancellationToken => _step.CancellationToken;

    /// <summary>Set when the activity runs because one of its bookmarks was resumed.</summary>
    public BookmarkResumption? Resumption { get; }

    /// <summary>
    /// The domain port; throws when the caller supplied none. Exceptions from the host abort the
    /// step (rethrown to the caller, nothing changes), except <see cref="CertificationHostException"/>,
    /// which faults the instance.
    /// </summary>
    public ICertificationHost Host => _host ??= new GuardedCertificationHost(_step.Context.Host
        ?? throw new InvalidOperationException($"活动 {Activity.Type} 需要 ICertificationHost，但运行上下文未提供。"));

    private ICertificationHost? _host;

    /// <summary>Overrides the journal message for this execution.</summary>
    public string? JournalMessage { get; set; }

    // ---- inputs ----

    public bool HasInput(string name) => Activity.Inputs.ContainsKey(name);

    /// <summary>The evaluated input converted to its declared type (JSON form), or the declared default, or null.</summary>
    public JsonNode? GetInputNode(string name)
    {
        if (Activity.Inputs.TryGetValue(name, out var input)) return Evaluate(input);
        return Activity.Descriptor.FindInput(name)?.DefaultValue?.DeepClone();
    }

    /// <summary>The evaluated input as a CLR value (bool, int, decimal, string, TimeSpan, DateTimeOffset, JsonNode, string lists …).</summary>
    public T? GetInput<T>(string name)
    {
        var node = GetInputNode(name);
        try
        {
            return ValueConverter.To<T>(node);
        }
        catch (ValueConversionException ex)
        {
            throw new ActivityInputException(name, ex.Message, ex);
        }
    }

    /// <summary>Evaluates a compiled expression (inputs, or expressions nested in plain inputs).</summary>
    public JsonNode? Evaluate(CompiledInput input)
    {
        try
        {
            switch (input.Value.ExpressionType)
            {
                case ExpressionTypes.Literal:
                case ExpressionTypes.Object:
                    return input.Constant?.DeepClone();
                case ExpressionTypes.Variable:
                    var reference = ActivityInputs.VariableReference(input.Value.Value) ?? "";
                    return ValueConverter.Normalize(GetVariable(reference), input.Kind);
                case ExpressionTypes.JavaScript:
                    return _step.Scripts.Evaluate(input.Script!, _step, input.Kind);
                default:
                    throw new ActivityInputException(input.Name, $"不支持的表达式语言 '{input.Value.ExpressionType}'。");
            }
        }
        catch (ScriptException ex)
        {
            throw new ActivityInputException(input.Name, ex.Message, ex);
        }
        catch (ValueConversionException ex)
        {
            throw new ActivityInputException(input.Name, ex.Message, ex);
        }
    }

    // ---- variables and outputs ----

    /// <summary>A copy of a variable's value (by name, case-insensitive, or id).</summary>
    public JsonNode? GetVariable(string name) => _step.GetVariable(name)?.DeepClone();

    /// <summary>Writes a variable, converted to its declared type.</summary>
    public void SetVariable(string name, JsonNode? value) => _step.SetVariableStrict(name, value);

    /// <summary>Writes an output: into the variable the definition binds it to (<c>memoryReference</c>), if any.</summary>
    public void SetOutput(string name, JsonNode? value)
    {
        if (!Activity.OutputBindings.TryGetValue(name, out var binding)) return;
        _step.SetVariableLenient(Workflow.FindVariable(binding)?.Name ?? binding, value?.Parent is null ? value : value.DeepClone());
    }

    // ---- results ----

    /// <summary>Completes through the given ports (none given: <c>Done</c>).</summary>
    public void Complete(params string[] outcomes)
    {
        EnsureNotBlocked();
        _outcomes ??= [];
        if (outcomes.Length == 0) _outcomes.Add(ConnectionDefinition.DefaultPort);
        else _outcomes.AddRange(outcomes);
    }

    /// <summary>Completes through several ports (may be empty: the path ends).</summary>
    public void Complete(IEnumerable<string> outcomes)
    {
        EnsureNotBlocked();
        _outcomes ??= [];
        _outcomes.AddRange(outcomes);
    }

    /// <summary>Completes without following any connection (the path ends here).</summary>
    public void EndPath()
    {
        EnsureNotBlocked();
        _outcomes ??= [];
    }

    /// <summary>Ends the whole instance: remaining work and all bookmarks are dropped.</summary>
    public void FinishInstance()
    {
        EnsureNotBlocked();
        _outcomes ??= [];
        FinishRequested = true;
    }

    /// <summary>Creates a bookmark; the activity then waits. Several bookmarks of one execution form a group.</summary>
    public Bookmark CreateBookmark(BookmarkKind kind, string? eventName = null, DateTimeOffset? dueAt = null,
        HumanTaskSpec? task = null, JsonObject? payload = null)
    {
        if (_outcomes is not null) throw new InvalidOperationException("活动已完成，不能再创建书签。");
        if (kind == BookmarkKind.Task && task is null) throw new ArgumentException("任务书签需要 HumanTaskSpec。", nameof(task));
        if (kind == BookmarkKind.Timer && dueAt is null) throw new ArgumentException("定时书签需要 dueAt。", nameof(dueAt));
        if (kind == BookmarkKind.Event && string.IsNullOrEmpty(eventName)) throw new ArgumentException("事件书签需要 eventName。", nameof(eventName));
        var id = task?.Id is { Length: > 0 } reserved && kind == BookmarkKind.Task ? reserved : _step.Context.Ids.NewId();
        if (_bookmarks?.Any(b => b.Id == id) == true)
            throw new InvalidOperationException($"书签 id {id} 已被使用。");
        if (task is not null && task.Id != id) task = task with { Id = id };
        _groupId ??= id;
        var bookmark = new Bookmark
        {
            Id = id,
            ActivityId = Activity.Id,
            ActivityType = Activity.Type,
            ActivityName = Activity.Label,
            Kind = kind,
            EventName = eventName,
            DueAt = dueAt,
            Task = task,
            Payload = payload,
            GroupId = _groupId,
            CreatedAt = Now,
        };
        (_bookmarks ??= []).Add(bookmark);
        return bookmark;
    }

    /// <summary>A fresh id for a task this execution is about to create (see <see cref="HumanTaskSpec.Id"/>).</summary>
    public string ReserveTaskId() => _step.Context.Ids.NewId();

    public Bookmark CreateTimer(DateTimeOffset dueAt, JsonObject? payload = null) => CreateBookmark(BookmarkKind.Timer, dueAt: dueAt, payload: payload);

    public Bookmark CreateEvent(string eventName, JsonObject? payload = null) => CreateBookmark(BookmarkKind.Event, eventName: eventName, payload: payload);

    public Bookmark CreateTask(HumanTaskSpec task, JsonObject? payload = null) => CreateBookmark(BookmarkKind.Task, task: task, payload: payload);

    /// <summary>An effect for the host to carry out after the step commits.</summary>
    public void Emit(string type, JsonObject data) => _step.Effects.Add(new WorkflowEffect(type, Activity.Id, data));

    /// <summary>After this activity completes, delivers an event to this instance's own waiting <c>Elsa.Event</c> activities of that name.</summary>
    public void DeliverLocally(string eventName, JsonObject? payload) => _step.LocalDeliveries.Enqueue((eventName, payload));

    /// <summary>The context the <see cref="ICertificationHost"/> calls receive.</summary>
    public CertificationContext CertificationContext => new()
    {
        InstanceId = InstanceId,
        DefinitionId = Workflow.DefinitionId,
        DefinitionVersion = Workflow.Version,
        ApplicationId = ApplicationId,
        CorrelationId = _step.State.CorrelationId,
        ActivityId = Activity.Id,
        ActivityType = Activity.Type,
        ActivityName = Activity.Name,
        Actor = Actor,
        Now = Now,
        Input = WorkflowInput,
        Variables = (JsonObject)_step.State.Variables.DeepClone(),
    };

    internal IReadOnlyList<string>? Outcomes => _outcomes;
    internal IReadOnlyList<Bookmark> Bookmarks => _bookmarks ?? (IReadOnlyList<Bookmark>)[];
    internal bool FinishRequested { get; private set; }

    private void EnsureNotBlocked()
    {
        if (_bookmarks is { Count: > 0 }) throw new InvalidOperationException("活动已创建书签，不能同时完成。");
    }
}
