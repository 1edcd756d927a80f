using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Expressions;
using Certification.Workflows.Engine.Validation;

namespace Certification.Workflows.Engine.Execution;

/// <summary>A connection in compiled form. <see cref="Key"/> (<c>source:port</c>) identifies it in join bookkeeping.</summary>
public sealed record CompiledConnection(string SourceId, string Port, string TargetId)
{
    public string Key { get; } = SourceId + ":" + Port;
}

/// <summary>An input in compiled form: its declared type, its expression, and a pre-parsed script or pre-converted constant.</summary>
public sealed class CompiledInput
{
    internal CompiledInput(string name, ValueKind kind, InputValue value, CompiledScript? script, JsonNode? constant)
    {
        Name = name;
        Kind = kind;
        Value = value;
        Script = script;
        Constant = constant;
    }

    public string Name { get; }
    public ValueKind Kind { get; }
    public InputValue Value { get; }
    public CompiledScript? Script { get; }

    /// <summary>For Literal and Object expressions: the value, converted to <see cref="Kind"/>.</summary>
    public JsonNode? Constant { get; }
}

/// <summary>An activity in compiled form.</summary>
public sealed class CompiledActivity
{
    internal CompiledActivity(ActivityDefinition definition, ActivityRegistration registration, IReadOnlyDictionary<string, CompiledInput> inputs, object? compiled)
    {
        Compiled = compiled;
        Definition = definition;
        Registration = registration;
        Inputs = inputs;
        Outcomes = registration.OutcomesOf(definition);
        Id = definition.Id;
        Name = definition.Name;
        Label = definition.Name ?? definition.DisplayText ?? registration.Descriptor.DisplayName;
        JoinMode = registration.Implementation is IJoinActivity join ? join.GetMode(definition) : null;
        var bindings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var output in registration.Descriptor.Outputs.Select(o => o.Name).Append("result").Distinct(StringComparer.OrdinalIgnoreCase))
            if (definition.GetOutputBinding(output) is { } target) bindings[output] = target;
        OutputBindings = bindings;
    }

    public ActivityDefinition Definition { get; }
    public ActivityRegistration Registration { get; }
    public string Id { get; }
    public string Type => Registration.Descriptor.TypeName;
    public string? Name { get; }

    /// <summary>Name, else display text, else the type's display name.</summary>
    public string Label { get; }

    /// <summary>For joins: the mode.</summary>
    public JoinMode? JoinMode { get; }

    /// <summary>Outputs bound to variables (output name → variable id or name).</summary>
    public IReadOnlyDictionary<string, string> OutputBindings { get; }
    public IActivity Implementation => Registration.Implementation;
    public ActivityDescriptor Descriptor => Registration.Descriptor;

    /// <summary>Declared outcomes of this configured activity; null when only known at run time.</summary>
    public IReadOnlyList<string>? Outcomes { get; }

    /// <summary>Inputs present in the definition, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, CompiledInput> Inputs { get; }
    public bool IsJoin => JoinMode is not null;

    /// <summary>What an <see cref="ICompilingActivity"/> compiled from its configuration.</summary>
    public object? Compiled { get; }
}

public sealed record CompiledVariable(string Name, string? Id, string TypeName, ValueKind Kind, JsonNode? InitialValue);

/// <summary>
/// An immutable, validated, ready-to-run form of a definition: activities with their
/// implementations and pre-parsed inputs, connections indexed both ways, the start activity.
/// Build once per (definitionId, version) and share (thread-safe): see <see cref="CompiledWorkflowCache"/>.
/// </summary>
public sealed class CompiledWorkflow
{
    private readonly Dictionary<string, CompiledActivity> _activities;
    private readonly Dictionary<(string, string), CompiledConnection[]> _outbound;
    private readonly Dictionary<string, CompiledConnection[]> _inbound;
    private readonly Dictionary<string, string[]> _successors;
    private readonly Dictionary<string, CompiledVariable> _variables;

    private CompiledWorkflow(WorkflowDefinition definition, Dictionary<string, CompiledActivity> activities,
        IReadOnlyList<CompiledConnection> connections, CompiledActivity start, IReadOnlyList<CompiledVariable> variables)
    {
        Definition = definition;
        DefinitionId = definition.DefinitionId;
        Version = definition.Version;
        VersionId = definition.Id;
        _activities = activities;
        Connections = connections;
        Start = start;
        Variables = variables;
        var portComparer = new PortKeyComparer();
        _outbound = connections.GroupBy(c => (c.SourceId, c.Port), portComparer).ToDictionary(g => g.Key, g => g.ToArray(), portComparer);
        _inbound = connections.GroupBy(c => c.TargetId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.DistinctBy(c => c.Key).ToArray(), StringComparer.Ordinal);
        _successors = connections.GroupBy(c => c.SourceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(c => c.TargetId).Distinct().ToArray(), StringComparer.Ordinal);
        _variables = new Dictionary<string, CompiledVariable>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in variables)
        {
            _variables.TryAdd(v.Name, v);
            if (v.Id is not null) _variables.TryAdd(v.Id, v);
        }
    }

    public WorkflowDefinition Definition { get; }
    public string DefinitionId { get; }
    public int Version { get; }
    public string? VersionId { get; }
    public CompiledActivity Start { get; }
    public IReadOnlyList<CompiledConnection> Connections { get; }
    public IReadOnlyList<CompiledVariable> Variables { get; }
    public IReadOnlyCollection<CompiledActivity> Activities => _activities.Values;

    public CompiledActivity GetActivity(string id) =>
        _activities.TryGetValue(id, out var a) ? a : throw new KeyNotFoundException($"活动 '{id}' 不在定义 {DefinitionId} v{Version} 中。");

    public bool TryGetActivity(string id, out CompiledActivity activity) => _activities.TryGetValue(id, out activity!);

    public IReadOnlyList<CompiledConnection> Outbound(string activityId, string port) =>
        _outbound.TryGetValue((activityId, port), out var list) ? list : [];

    public IReadOnlyList<CompiledConnection> Inbound(string activityId) =>
        _inbound.TryGetValue(activityId, out var list) ? list : [];

    public IReadOnlyList<string> Successors(string activityId) =>
        _successors.TryGetValue(activityId, out var list) ? list : [];

    /// <summary>A declared variable by name (case-insensitive) or id.</summary>
    public CompiledVariable? FindVariable(string nameOrId) => _variables.GetValueOrDefault(nameOrId);

    /// <summary>Validates and compiles. Throws <see cref="WorkflowValidationException"/> when the definition has errors.</summary>
    public static CompiledWorkflow Compile(WorkflowDefinition definition, ActivityRegistry registry, ScriptLimits? limits = null)
    {
        limits ??= ScriptLimits.Default;
        definition.Document.Materialize();
        var errors = DefinitionValidator.Validate(definition, registry, limits);
        if (errors.Count > 0) throw new WorkflowValidationException(errors);

        var activities = new Dictionary<string, CompiledActivity>(StringComparer.Ordinal);
        foreach (var a in definition.Activities)
        {
            var registration = registry.Find(a.Type)!;
            var inputs = new Dictionary<string, CompiledInput>(StringComparer.OrdinalIgnoreCase);
            foreach (var descriptor in registration.Descriptor.Inputs)
            {
                var value = a.GetInput(descriptor.Name);
                if (value is null || value.IsEmpty) continue;
                inputs[descriptor.Name] = CompileInput(descriptor.Name, ValueConverter.KindOf(descriptor.TypeName) is var k && k != ValueKind.Any ? k : ValueConverter.KindOf(value.TypeName), value, limits);
            }
            var extra = registration.Implementation is ICompilingActivity compiling ? compiling.Compile(a, limits, new List<string>()) : null;
            activities[a.Id] = new CompiledActivity(a, registration, inputs, extra);
        }
        var connections = definition.Connections.Select(c => new CompiledConnection(c.Source!, c.Outcome, c.Target!)).ToList();
        var start = DefinitionValidator.FindStart(definition.Activities, definition.Connections)!;
        var variables = definition.Variables.Select(v => new CompiledVariable(v.Name, v.Id, v.TypeName,
            v.IsArray ? ValueKind.Object : ValueConverter.KindOf(v.TypeName), ValueConverter.InitialValue(v))).ToList();
        return new CompiledWorkflow(definition, activities, connections, activities[start.Id], variables);
    }

    /// <summary>Compiles one expression (also used for expressions nested in plain inputs, such as switch cases).</summary>
    public static CompiledInput CompileInput(string name, ValueKind kind, InputValue value, ScriptLimits limits)
    {
        switch (value.ExpressionType)
        {
            case ExpressionTypes.JavaScript:
                return new CompiledInput(name, kind, value, ScriptCompiler.Compile(value.Value.AsString() ?? "", limits), null);
            case ExpressionTypes.Object:
                var parsed = value.Value is JsonObject or JsonArray ? value.Value.DeepClone() : JsonNode.Parse(value.Value.AsString() ?? "null");
                return new CompiledInput(name, kind, value, null, ValueConverter.Normalize(parsed, kind == ValueKind.Any ? ValueKind.Object : kind).Materialize());
            case ExpressionTypes.Literal:
                return new CompiledInput(name, kind, value, null, ValueConverter.Normalize(value.Value?.DeepClone(), kind).Materialize());
            default:
                return new CompiledInput(name, kind, value, null, null);
        }
    }

    private sealed class PortKeyComparer : IEqualityComparer<(string, string)>
    {
        public bool Equals((string, string) x, (string, string) y) =>
            string.Equals(x.Item1, y.Item1, StringComparison.Ordinal) && string.Equals(x.Item2, y.Item2, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.Item1), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }
}

/// <summary>
/// Compiled workflows by (definitionId, version), so a definition is parsed and compiled once per
/// process. Published versions never change; if drafts are run (test runs), call
/// <see cref="Invalidate"/> when a draft is saved.
/// </summary>
public sealed class CompiledWorkflowCache(ActivityRegistry registry, ScriptLimits? limits = null)
{
    private readonly ConcurrentDictionary<(string, int), Lazy<CompiledWorkflow>> _cache = new();

    public CompiledWorkflow GetOrCompile(string definitionId, int version, Func<WorkflowDefinition> load) =>
        _cache.GetOrAdd((definitionId, version), _ => new Lazy<CompiledWorkflow>(() => CompiledWorkflow.Compile(load(), registry, limits))).Value;

    public CompiledWorkflow GetOrCompile(WorkflowDefinition definition) =>
        GetOrCompile(definition.DefinitionId, definition.Version, () => definition);

    /// <summary>The compiled version if it is already cached (lets callers skip loading the JSON).</summary>
    public bool TryGet(string definitionId, int version, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CompiledWorkflow? workflow)
    {
        workflow = _cache.TryGetValue((definitionId, version), out var lazy) && lazy.IsValueCreated ? lazy.Value : null;
        return workflow is not null;
    }

    public void Invalidate(string definitionId, int? version = null)
    {
        foreach (var key in _cache.Keys)
            if (key.Item1 == definitionId && (version is null || key.Item2 == version))
                _cache.TryRemove(key, out _);
    }
}

/// <summary>Compiled forms attached to definition objects (used by the runner's overloads that take a definition).</summary>
internal static class DefinitionCompilationCache
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, Tuple<ActivityRegistry, int, CompiledWorkflow>> Table = new();

    public static CompiledWorkflow Get(WorkflowDefinition definition, ActivityRegistry registry, ScriptLimits limits)
    {
        if (Table.TryGetValue(definition, out var entry) && ReferenceEquals(entry.Item1, registry) && entry.Item2 == definition.Version)
            return entry.Item3;
        var compiled = CompiledWorkflow.Compile(definition, registry, limits);
        Table.AddOrUpdate(definition, Tuple.Create(registry, definition.Version, compiled));
        return compiled;
    }
}
