using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Definitions;

/// <summary>Expression languages named in definitions.</summary>
public static class ExpressionTypes
{
    public const string Literal = "Literal";
    public const string Object = "Object";
    public const string Variable = "Variable";
    public const string JavaScript = "JavaScript";

    /// <summary>The languages this runtime evaluates; others (CSharp, Liquid, Python, Sql …) are kept but rejected by validation.</summary>
    public static readonly IReadOnlyList<string> Supported = [Literal, Object, Variable, JavaScript];

    public static bool IsSupported(string type) =>
        Supported.Any(s => string.Equals(s, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The canonical spelling of a supported type, or the type as given.</summary>
    public static string Normalize(string type) =>
        Supported.FirstOrDefault(s => string.Equals(s, type, StringComparison.OrdinalIgnoreCase)) ?? type;
}

/// <summary>
/// An activity input as written: wrapped <c>{"typeName", "expression": {"type", "value"}}</c>, a bare
/// expression <c>{"type", "value"}</c> (Elsa writes switch-case conditions so), or plain JSON, which
/// counts as a <c>Literal</c>.
/// </summary>
public sealed record InputValue(string? TypeName, string ExpressionType, JsonNode? Value, bool Wrapped)
{
    public bool IsLiteral => ExpressionType == ExpressionTypes.Literal;

    /// <summary>True when there is nothing to evaluate (absent, null, or an empty literal string).</summary>
    public bool IsEmpty => Value is null
        || (ExpressionType is ExpressionTypes.Literal or ExpressionTypes.Object or ExpressionTypes.Variable
            or ExpressionTypes.JavaScript
            && Value is JsonValue v && v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s));

    /// <summary>Reads an input property. Never throws; unknown shapes are plain literals.</summary>
    public static InputValue From(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            if (o["expression"] is JsonObject expression && expression.ContainsKey("type"))
                return new InputValue(o.GetString("typeName"), ExpressionTypes.Normalize(expression.GetString("type") ?? ExpressionTypes.Literal),
                    expression["value"], true);
            if (o.ContainsKey("typeName") && o.ContainsKey("expression") && o["expression"] is null)
                return new InputValue(o.GetString("typeName"), ExpressionTypes.Literal, null, true);
            if (o.Count <= 3 && o.ContainsKey("type") && o.ContainsKey("value") && o["type"] is JsonValue t
                && t.TryGetValue<string>(out var typeName) && LooksLikeLanguage(typeName))
                return new InputValue(null, ExpressionTypes.Normalize(typeName), o["value"], true);
        }
        return new InputValue(null, ExpressionTypes.Literal, node, false);
    }

    private static bool LooksLikeLanguage(string type) =>
        ExpressionTypes.IsSupported(type) || KnownUnsupported.Contains(type, StringComparer.OrdinalIgnoreCase);

    /// <summary>Languages Elsa knows that this runtime preserves but does not run.</summary>
    public static readonly IReadOnlyList<string> KnownUnsupported = ["CSharp", "Liquid", "Python", "Sql"];
}
