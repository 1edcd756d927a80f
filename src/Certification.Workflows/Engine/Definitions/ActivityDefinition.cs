using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Definitions;

/// <summary>
/// One activity of the flowchart: a typed view over its JSON object (<see cref="Raw"/>), which keeps
/// every field, known or not, for the round-trip.
/// </summary>
public sealed class ActivityDefinition
{
    internal ActivityDefinition(JsonObject raw) => Raw = raw;

    public JsonObject Raw { get; }
    public string Id => Raw.GetString("id") ?? "";
    public string? NodeId => Raw.GetString("nodeId");
    public string? Name => Raw.GetString("name");
    public string Type => Raw.GetString("type") ?? "";
    public int Version => Raw["version"] is JsonValue v && v.TryGetInt32(out var i) ? i : 1;

    /// <summary><c>metadata.displayText</c>, as the designer shows it.</summary>
    public string? DisplayText => (Raw["metadata"] as JsonObject)?.GetString("displayText");

    /// <summary><c>metadata.designer.position</c>, if any.</summary>
    public (double X, double Y)? Position
    {
        get
        {
            if ((Raw["metadata"] as JsonObject)?["designer"] is JsonObject designer
                && designer["position"] is JsonObject pos
                && pos["x"] is JsonValue x && x.TryGetDouble(out var dx)
                && pos["y"] is JsonValue y && y.TryGetDouble(out var dy))
                return (dx, dy);
            return null;
        }
    }

    /// <summary>A readable label for messages: the name, else the display text, else the id.</summary>
    public string Label => Name ?? DisplayText ?? Id;

    /// <summary>True when the activity has a property of that name (case-insensitive).</summary>
    public bool Has(string property) => Raw.ContainsKey(property);

    /// <summary>
    /// The input of that name, wrapped (<c>{typeName, expression}</c>) or plain JSON; null when the
    /// property is absent.
    /// </summary>
    public InputValue? GetInput(string name) =>
        Raw.TryGetPropertyValue(name, out var node) ? InputValue.From(node) : null;

    /// <summary>
    /// The variable an output is bound to: <c>"result": {"typeName", "memoryReference": {"id"}}</c>
    /// (Elsa 3), or a plain variable name string. Returns the referenced id/name, or null.
    /// </summary>
    public string? GetOutputBinding(string name)
    {
        if (!Raw.TryGetPropertyValue(name, out var node) || node is null) return null;
        if (node is JsonObject o)
        {
            if (o["memoryReference"] is JsonObject mr) return mr.GetString("id") ?? mr.GetString("name");
            return null;
        }
        return node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
    }

    public override string ToString() => $"{Type} '{Id}'";
}
