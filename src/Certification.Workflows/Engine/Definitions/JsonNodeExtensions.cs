using System.Text.Json;
using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Definitions;

internal static class JsonNodeExtensions
{
    public static string? GetString(this JsonObject o, string name) =>
        o.TryGetPropertyValue(name, out var n) ? AsString(n) : null;

    public static string? AsString(this JsonNode? n) => n switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    };

    public static bool? GetBool(this JsonObject o, string name) =>
        o.TryGetPropertyValue(name, out var n) && n is JsonValue v
            ? v.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when bool.TryParse(v.GetValue<string>(), out var b) => b,
                _ => null,
            }
            : null;

    public static bool TryGetInt32(this JsonValue v, out int value)
    {
        value = 0;
        if (v.GetValueKind() == JsonValueKind.Number && v.TryGetNumber(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)d;
            return true;
        }
        return v.GetValueKind() == JsonValueKind.String && int.TryParse(v.GetValue<string>(), out value);
    }

    public static bool TryGetDouble(this JsonValue v, out double value)
    {
        value = 0;
        return v.GetValueKind() == JsonValueKind.Number && v.TryGetNumber(out value);
    }

    /// <summary>Reads any JSON number as a double (the value may be backed by any CLR numeric type).</summary>
    public static bool TryGetNumber(this JsonValue v, out double value)
    {
        if (v.TryGetValue(out value)) return true;
        if (v.TryGetValue<decimal>(out var m)) { value = (double)m; return true; }
        if (v.TryGetValue<long>(out var l)) { value = l; return true; }
        if (v.TryGetValue<int>(out var i)) { value = i; return true; }
        if (v.TryGetValue<float>(out var f)) { value = f; return true; }
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number) { value = e.GetDouble(); return true; }
        return double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads any JSON number as a decimal without going through double when the text is available.</summary>
    public static bool TryGetDecimal(this JsonValue v, out decimal value)
    {
        if (v.TryGetValue(out value)) return true;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out value)) return true;
        if (v.TryGetValue<long>(out var l)) { value = l; return true; }
        if (v.TryGetValue<int>(out var i)) { value = i; return true; }
        if (v.TryGetValue<double>(out var d) && !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e28)
            return decimal.TryParse(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out value);
        return decimal.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Forces every lazily parsed object and array below <paramref name="node"/> to materialise, so
    /// that later concurrent reads (compiled definitions are shared between threads) never race on it.
    /// </summary>
    public static T Materialize<T>(this T node) where T : JsonNode?
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o) child.Materialize();
                break;
            case JsonArray a:
                foreach (var child in a) child.Materialize();
                break;
        }
        return node;
    }
}
