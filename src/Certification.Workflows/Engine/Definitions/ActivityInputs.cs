using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Definitions;

/// <summary>Finds the expressions inside an activity (for validation) and reads variable references.</summary>
public static class ActivityInputs
{
    private static readonly HashSet<string> NotInputs = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "nodeId", "name", "type", "version", "customProperties", "metadata", "activities", "connections", "variables",
    };

    /// <summary>
    /// Every expression in the activity's properties: wrapped inputs, and bare <c>{type, value}</c>
    /// expressions nested in plain inputs (such as switch-case conditions), with a readable path.
    /// </summary>
    public static IEnumerable<(string Path, InputValue Value)> Expressions(ActivityDefinition activity)
    {
        foreach (var (name, node) in activity.Raw)
        {
            if (NotInputs.Contains(name) || node is null) continue;
            var value = InputValue.From(node);
            if (value.Wrapped)
            {
                yield return (name, value);
                if (value.Value is JsonArray or JsonObject)
                    foreach (var nested in Nested(name, value.Value)) yield return nested;
            }
            else
            {
                foreach (var nested in Nested(name, node)) yield return nested;
            }
        }
    }

    private static IEnumerable<(string, InputValue)> Nested(string path, JsonNode node, int depth = 0)
    {
        if (depth > 8) yield break;
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (array[i] is { } item)
                        foreach (var x in Nested($"{path}[{i}]", item, depth + 1)) yield return x;
                break;
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (child is not JsonObject and not JsonArray) continue;
                    var value = InputValue.From(child);
                    if (value.Wrapped) yield return ($"{path}.{name}", value);
                    else foreach (var x in Nested($"{path}.{name}", child, depth + 1)) yield return x;
                }
                break;
        }
    }

    /// <summary>The variable a Variable expression (or a <c>variable</c> input) names: a string, or an object with <c>name</c>/<c>id</c>.</summary>
    public static string? VariableReference(JsonNode? value) => value switch
    {
        JsonObject o => o.GetString("name") ?? o.GetString("id"),
        JsonValue v => v.AsString(),
        _ => null,
    };
}
