using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Definitions;

/// <summary>
/// An Elsa 3 workflow definition document. The typed members are views over <see cref="Document"/>,
/// the JSON object as read: everything the runtime does not use stays in it and is written back
/// unchanged by <see cref="WorkflowDefinitionWriter"/>.
/// </summary>
public sealed class WorkflowDefinition
{
    public const string SchemaUrl = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json";

    internal WorkflowDefinition(JsonObject document, ActivityDefinition root,
        IReadOnlyList<ActivityDefinition> activities, IReadOnlyList<ConnectionDefinition> connections,
        IReadOnlyList<VariableDefinition> variables)
    {
        Document = document;
        Root = root;
        Activities = activities;
        Connections = connections;
        Variables = variables;
    }

    /// <summary>The whole document as read (property lookups are case-insensitive).</summary>
    public JsonObject Document { get; }

    /// <summary><c>id</c>: the id of this version.</summary>
    public string? Id => Document.GetString("id");

    /// <summary><c>definitionId</c>: stable across versions. Falls back to <c>id</c> when absent.</summary>
    public string DefinitionId => Document.GetString("definitionId") ?? Id ?? "";

    public string? Name
    {
        get => Document.GetString("name");
        set => Document["name"] = value;
    }

    public string? Description => Document.GetString("description");
    public string? ToolVersion => Document.GetString("toolVersion");

    /// <summary><c>version</c>; the server recomputes it on import, so it is settable.</summary>
    public int Version
    {
        get => Document["version"] is JsonValue v && v.TryGetInt32(out var i) ? i : 1;
        set => Document["version"] = value;
    }

    public bool IsLatest
    {
        get => Document.GetBool("isLatest") ?? false;
        set => Document["isLatest"] = value;
    }

    public bool IsPublished
    {
        get => Document.GetBool("isPublished") ?? false;
        set => Document["isPublished"] = value;
    }

    /// <summary>The root activity (must be an <c>Elsa.Flowchart</c>).</summary>
    public ActivityDefinition Root { get; }

    /// <summary>The flowchart's activities, in document order.</summary>
    public IReadOnlyList<ActivityDefinition> Activities { get; }

    /// <summary>The flowchart's connections, in document order.</summary>
    public IReadOnlyList<ConnectionDefinition> Connections { get; }

    public IReadOnlyList<VariableDefinition> Variables { get; }

    public ActivityDefinition? FindActivity(string id) =>
        Activities.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));

    /// <summary>Finds a variable by name (case-insensitive) or by id.</summary>
    public VariableDefinition? FindVariable(string nameOrId) =>
        Variables.FirstOrDefault(v => string.Equals(v.Name, nameOrId, StringComparison.OrdinalIgnoreCase))
        ?? Variables.FirstOrDefault(v => string.Equals(v.Id, nameOrId, StringComparison.Ordinal));
}

/// <summary>A workflow variable <c>{id, name, typeName, isArray, value, storageDriverTypeName}</c>.</summary>
public sealed class VariableDefinition
{
    internal VariableDefinition(JsonObject raw) => Raw = raw;

    public JsonObject Raw { get; }
    public string? Id => Raw.GetString("id");
    public string Name => Raw.GetString("name") ?? Id ?? "";
    public string TypeName => Raw.GetString("typeName") ?? "Object";
    public bool IsArray => Raw.GetBool("isArray") ?? false;

    /// <summary>The initial value as written (Elsa writes it as a string; other JSON is accepted).</summary>
    public JsonNode? Value => Raw["value"];
}
