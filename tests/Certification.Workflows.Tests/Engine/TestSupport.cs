using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;

namespace Certification.Workflows.Tests.Engine;

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Builds Elsa 3 definition JSON compactly for tests.</summary>
public static class Def
{
    public static JsonObject Literal(object? value, string typeName = "Object") => Wrap("Literal", value, typeName);
    public static JsonObject Js(string script, string typeName = "Object") => Wrap("JavaScript", script, typeName);

    public static JsonObject Wrap(string type, object? value, string typeName = "Object") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = ToNode(value) },
    };

    public static JsonObject Activity(string id, string type, params (string Name, object? Value)[] inputs)
    {
        var a = new JsonObject
        {
            ["id"] = id,
            ["nodeId"] = "Workflow1:" + id,
            ["name"] = id,
            ["type"] = type,
            ["version"] = 1,
            ["customProperties"] = new JsonObject(),
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } } },
        };
        foreach (var (name, value) in inputs) a[name] = ToNode(value);
        return a;
    }

    public static JsonObject Connect(string source, string target, string port = "Done") => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };

    public static JsonObject Variable(string name, string typeName, string? value = null) => new()
    {
        ["id"] = name + "-id",
        ["name"] = name,
        ["typeName"] = typeName,
        ["isArray"] = false,
        ["value"] = value,
        ["storageDriverTypeName"] = "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core",
    };

    public static JsonObject Document(IEnumerable<JsonObject> activities, IEnumerable<JsonObject> connections, IEnumerable<JsonObject>? variables = null,
        string definitionId = "test-flow") => new()
    {
        ["id"] = definitionId + "-v1",
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["version"] = 1,
        ["variables"] = new JsonArray((variables ?? []).Select(v => (JsonNode?)v).ToArray()),
        ["root"] = new JsonObject
        {
            ["id"] = "Flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(activities.Select(a => (JsonNode?)a).ToArray()),
            ["connections"] = new JsonArray(connections.Select(c => (JsonNode?)c).ToArray()),
        },
    };

    public static WorkflowDefinition Read(JsonObject document) => WorkflowDefinitionReader.Read(document.ToJsonString());

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode n => n.Parent is null ? n : n.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        decimal m => JsonValue.Create(m),
        double d => JsonValue.Create(d),
        string[] list => new JsonArray(list.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()),
        _ => throw new ArgumentException(value.GetType().Name),
    };
}

/// <summary>Runs definitions with a fake clock and deterministic ids.</summary>
public sealed class Harness
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
    public WorkflowRunner Runner { get; }
    public ICertificationHost? Host { get; init; }
    public string? Actor { get; init; } = "tester";

    public Harness(WorkflowRunnerOptions? options = null) => Runner = new WorkflowRunner(ActivityRegistry.Default, options);

    private readonly SequentialIdGenerator _ids = new("b");

    public WorkflowRunContext Context => new() { Actor = Actor, Host = Host, Time = Clock, Ids = _ids };

    public CompiledWorkflow Compile(JsonObject document) => Runner.Compile(Def.Read(document));

    public StepResult Start(CompiledWorkflow workflow, JsonObject? input = null) => Runner.Start(workflow, input, Context);

    public StepResult Resume(CompiledWorkflow workflow, WorkflowInstanceState state, string bookmarkId, JsonObject? payload = null) =>
        Runner.Resume(workflow, state, bookmarkId, payload, Context);

    /// <summary>Completes the task bookmark of an activity.</summary>
    public StepResult CompleteTask(CompiledWorkflow workflow, WorkflowInstanceState state, string activityId, string outcome, JsonObject? data = null)
    {
        var bookmark = state.Bookmarks.Single(b => b.ActivityId == activityId && b.Kind == BookmarkKind.Task);
        var payload = data ?? new JsonObject();
        payload["outcome"] = outcome;
        return Resume(workflow, state, bookmark.Id, payload);
    }
}
