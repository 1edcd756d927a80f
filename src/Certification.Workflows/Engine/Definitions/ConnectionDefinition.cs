using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Definitions;

/// <summary>The two shapes a connection can be written in.</summary>
public enum ConnectionShape
{
    /// <summary><c>{"source": {"activity", "port"}, "target": {"activity", "port"}, "vertices": []}</c> (Elsa 3).</summary>
    Nested,
    /// <summary><c>{"source": "id", "target": "id", "sourcePort", "targetPort"}</c> (older).</summary>
    Flat,
}

/// <summary>
/// A connection between two activities. Both shapes are read; the JSON object is kept as read, so
/// it is written back in the shape it had (see <see cref="Shape"/>).
/// </summary>
public sealed class ConnectionDefinition
{
    public const string DefaultPort = "Done";

    internal ConnectionDefinition(JsonObject raw)
    {
        Raw = raw;
        if (raw["source"] is JsonObject || raw["target"] is JsonObject)
        {
            Shape = ConnectionShape.Nested;
            var source = raw["source"] as JsonObject;
            var target = raw["target"] as JsonObject;
            Source = source?.GetString("activity");
            SourcePort = source?.GetString("port");
            Target = target?.GetString("activity");
            TargetPort = target?.GetString("port");
        }
        else
        {
            Shape = ConnectionShape.Flat;
            Source = raw.GetString("source");
            Target = raw.GetString("target");
            SourcePort = raw.GetString("sourcePort");
            TargetPort = raw.GetString("targetPort");
        }
    }

    public JsonObject Raw { get; }
    public ConnectionShape Shape { get; }
    public string? Source { get; }
    public string? Target { get; }

    /// <summary>The source port as written (may be null or empty).</summary>
    public string? SourcePort { get; }
    public string? TargetPort { get; }

    /// <summary>The port that matters at run time: an empty port means <c>Done</c>.</summary>
    public string Outcome => string.IsNullOrEmpty(SourcePort) ? DefaultPort : SourcePort;

    public override string ToString() => $"{Source}:{Outcome} -> {Target}";
}
