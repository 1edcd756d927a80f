using System.Text.Json;
using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Definitions;

/// <summary>The JSON could not be read as a workflow definition at all (not JSON, not an object, no root).</summary>
public sealed class WorkflowDefinitionFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads Elsa 3 workflow-definition JSON. Property names are matched case-insensitively (the
/// original spelling is kept for writing). Nothing is dropped: unknown fields, unknown activity
/// types and designer metadata stay in the underlying JSON objects.
/// </summary>
public static class WorkflowDefinitionReader
{
    internal static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 256,
    };

    public static WorkflowDefinition Read(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, NodeOptions, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new WorkflowDefinitionFormatException($"工作流定义不是有效的 JSON：{ex.Message}", ex);
        }
        return Read(node as JsonObject ?? throw new WorkflowDefinitionFormatException("工作流定义必须是一个 JSON 对象。"));
    }

    /// <summary>
    /// Reads a definition from a JSON object. The object is used as is when it already matches
    /// property names case-insensitively; otherwise a case-insensitive copy is made.
    /// </summary>
    public static WorkflowDefinition Read(JsonObject document)
    {
        if (document.Options?.PropertyNameCaseInsensitive != true)
            document = JsonNode.Parse(document.ToJsonString(), NodeOptions, DocumentOptions)!.AsObject();

        if (document["root"] is not JsonObject rootObject)
            throw new WorkflowDefinitionFormatException("工作流定义缺少 root（流程图）。");

        var root = new ActivityDefinition(rootObject);
        var activities = (rootObject["activities"] as JsonArray)?.OfType<JsonObject>().Select(a => new ActivityDefinition(a)).ToList()
                         ?? [];
        var connections = (rootObject["connections"] as JsonArray)?.OfType<JsonObject>().Select(c => new ConnectionDefinition(c)).ToList()
                          ?? [];
        var variables = (document["variables"] as JsonArray)?.OfType<JsonObject>().Select(v => new VariableDefinition(v)).ToList()
                        ?? [];
        return new WorkflowDefinition(document, root, activities, connections, variables);
    }
}

/// <summary>
/// Writes a definition back to Elsa 3 JSON: <c>$schema</c> first, then every property as read (in
/// its order and spelling), with <c>version</c> as currently set. Connections keep the shape they
/// were read in; a document written from scratch should use the nested shape.
/// </summary>
public static class WorkflowDefinitionWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToJsonObject(WorkflowDefinition definition)
    {
        var result = new JsonObject { ["$schema"] = WorkflowDefinition.SchemaUrl };
        foreach (var (name, value) in definition.Document)
        {
            if (string.Equals(name, "$schema", StringComparison.OrdinalIgnoreCase)) continue;
            result[name] = value?.DeepClone();
        }
        return result;
    }

    public static string Write(WorkflowDefinition definition, bool indented = true) =>
        ToJsonObject(definition).ToJsonString(indented ? Indented : Compact);
}
