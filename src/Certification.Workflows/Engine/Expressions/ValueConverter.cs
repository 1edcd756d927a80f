using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Certification.Workflows.Engine.Definitions;

namespace Certification.Workflows.Engine.Expressions;

/// <summary>The value types inputs and variables are converted to (Elsa's <c>typeName</c> aliases).</summary>
public enum ValueKind
{
    /// <summary>Unknown or unspecified type: the JSON value is kept as is.</summary>
    Any,
    Boolean,
    Int32,
    Int64,
    Decimal,
    Double,
    String,
    TimeSpan,
    DateTime,
    DateTimeOffset,
    Guid,
    /// <summary><c>Object</c> / <c>JSON</c>: any JSON value; a string holding JSON text is parsed.</summary>
    Object,
    /// <summary>A list of strings (<c>String[]</c>, <c>List&lt;String&gt;</c>); also accepts a comma-separated string.</summary>
    StringList,
}

/// <summary>A value could not be converted to the type an input or variable declares.</summary>
public sealed class ValueConversionException(string message) : Exception(message);

/// <summary>
/// Conversions between JSON values and the types inputs and variables declare. Values are kept as
/// JSON (<see cref="JsonNode"/>) in instance state; <see cref="Normalize"/> brings a value into the
/// canonical JSON form of a type (numbers as numbers, decimals without a detour through double,
/// time spans as <c>d.hh:mm:ss</c>, instants as ISO 8601 with offset).
/// </summary>
public static class ValueConverter
{
    public static ValueKind KindOf(string? typeName)
    {
        if (string.IsNullOrWhiteSpace(typeName)) return ValueKind.Any;
        var t = typeName.Trim();
        if (t.EndsWith("[]", StringComparison.Ordinal) || t.StartsWith("List<", StringComparison.OrdinalIgnoreCase)
            || t.Contains("Collections.Generic.List", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("IEnumerable", StringComparison.OrdinalIgnoreCase) || t.StartsWith("ICollection", StringComparison.OrdinalIgnoreCase))
            return ValueKind.StringList;
        if (t.StartsWith("System.", StringComparison.OrdinalIgnoreCase)) t = t["System.".Length..];
        var comma = t.IndexOf(',');
        if (comma > 0) t = t[..comma];
        return t.ToLowerInvariant() switch
        {
            "boolean" or "bool" => ValueKind.Boolean,
            "int32" or "int" or "int16" or "byte" => ValueKind.Int32,
            "int64" or "long" => ValueKind.Int64,
            "decimal" => ValueKind.Decimal,
            "double" or "single" or "float" => ValueKind.Double,
            "string" or "char" => ValueKind.String,
            "timespan" => ValueKind.TimeSpan,
            "datetime" => ValueKind.DateTime,
            "datetimeoffset" => ValueKind.DateTimeOffset,
            "guid" => ValueKind.Guid,
            "object" or "json" or "expandoobject" or "text.json.nodes.jsonnode" or "text.json.nodes.jsonobject" or "jsonnode" or "jsonobject" => ValueKind.Object,
            _ => ValueKind.Any,
        };
    }

    /// <summary>Converts a JSON value to the canonical JSON form of <paramref name="kind"/>. Null stays null.</summary>
    public static JsonNode? Normalize(JsonNode? value, ValueKind kind)
    {
        if (value is null) return null;
        return kind switch
        {
            ValueKind.Any => value,
            ValueKind.Boolean => JsonValue.Create(ToBoolean(value)),
            ValueKind.Int32 => JsonValue.Create(ToInt32(value)),
            ValueKind.Int64 => JsonValue.Create(ToInt64(value)),
            ValueKind.Decimal => JsonValue.Create(ToDecimal(value)),
            ValueKind.Double => JsonValue.Create(ToDouble(value)),
            ValueKind.String => JsonValue.Create(ToText(value)),
            ValueKind.TimeSpan => JsonValue.Create(ToTimeSpan(value).ToString("c", CultureInfo.InvariantCulture)),
            ValueKind.DateTime or ValueKind.DateTimeOffset => JsonValue.Create(ToDateTimeOffset(value).ToString("o", CultureInfo.InvariantCulture)),
            ValueKind.Guid => JsonValue.Create(ToGuid(value).ToString("D")),
            ValueKind.Object => ToObjectNode(value),
            ValueKind.StringList => new JsonArray(ToStringList(value).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            _ => value,
        };
    }

    /// <summary>Converts to a CLR type: bool, int, long, decimal, double, string, TimeSpan, DateTime(Offset), Guid, string lists, JsonNode/JsonObject/JsonArray.</summary>
    public static T? To<T>(JsonNode? value)
    {
        var type = typeof(T);
        var underlying = Nullable.GetUnderlyingType(type);
        if (value is null || (value is JsonValue jv && jv.GetValueKind() == JsonValueKind.Null))
        {
            if (underlying is not null || !type.IsValueType) return default;
            throw new ValueConversionException($"值为空，无法转换为 {type.Name}。");
        }
        type = underlying ?? type;
        object result = type switch
        {
            _ when type == typeof(bool) => ToBoolean(value),
            _ when type == typeof(int) => ToInt32(value),
            _ when type == typeof(long) => ToInt64(value),
            _ when type == typeof(decimal) => ToDecimal(value),
            _ when type == typeof(double) => ToDouble(value),
            _ when type == typeof(string) => ToText(value),
            _ when type == typeof(TimeSpan) => ToTimeSpan(value),
            _ when type == typeof(DateTimeOffset) => ToDateTimeOffset(value),
            _ when type == typeof(DateTime) => ToDateTimeOffset(value).UtcDateTime,
            _ when type == typeof(Guid) => ToGuid(value),
            _ when type == typeof(JsonNode) => value,
            _ when type == typeof(JsonObject) => ToObjectNode(value) as JsonObject ?? throw new ValueConversionException("值不是 JSON 对象。"),
            _ when type == typeof(JsonArray) => ToObjectNode(value) as JsonArray ?? throw new ValueConversionException("值不是 JSON 数组。"),
            _ when type == typeof(string[]) => ToStringList(value).ToArray(),
            _ when type == typeof(List<string>) || type == typeof(IReadOnlyList<string>) || type == typeof(IEnumerable<string>) => ToStringList(value).ToList(),
            _ => throw new NotSupportedException($"不支持转换为 {type.Name}。"),
        };
        return (T)result;
    }

    public static bool ToBoolean(JsonNode value)
    {
        if (value is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Null: return false;
                case JsonValueKind.Number: return v.TryGetNumber(out var d) && d != 0 && !double.IsNaN(d);
                case JsonValueKind.String:
                    var s = v.GetValue<string>().Trim();
                    if (bool.TryParse(s, out var b)) return b;
                    if (s is "1") return true;
                    if (s is "0" or "") return false;
                    throw new ValueConversionException($"无法把 \"{Shorten(s)}\" 转换为布尔值。");
            }
        }
        return true; // objects and arrays are truthy, as in JavaScript
    }

    public static int ToInt32(JsonNode value)
    {
        var d = ToDecimal(value);
        if (d != decimal.Truncate(d) || d < int.MinValue || d > int.MaxValue)
            throw new ValueConversionException($"{d.ToString(CultureInfo.InvariantCulture)} 不是 Int32 整数。");
        return (int)d;
    }

    public static long ToInt64(JsonNode value)
    {
        var d = ToDecimal(value);
        if (d != decimal.Truncate(d) || d < long.MinValue || d > long.MaxValue)
            throw new ValueConversionException($"{d.ToString(CultureInfo.InvariantCulture)} 不是 Int64 整数。");
        return (long)d;
    }

    public static decimal ToDecimal(JsonNode value)
    {
        if (value is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.Number when v.TryGetDecimal(out var d): return d;
                case JsonValueKind.String when decimal.TryParse(v.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p): return p;
                case JsonValueKind.True: return 1;
                case JsonValueKind.False: return 0;
            }
        }
        throw new ValueConversionException($"无法把 {Shorten(value.ToJsonString())} 转换为数字。");
    }

    public static double ToDouble(JsonNode value)
    {
        if (value is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.Number when v.TryGetNumber(out var d): return d;
                case JsonValueKind.String when double.TryParse(v.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p): return p;
                case JsonValueKind.True: return 1;
                case JsonValueKind.False: return 0;
            }
        }
        throw new ValueConversionException($"无法把 {Shorten(value.ToJsonString())} 转换为数字。");
    }

    /// <summary>A string: JSON strings as their text, other JSON as its JSON text.</summary>
    public static string ToText(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString();

    /// <summary>
    /// A time span from <c>"d.hh:mm:ss"</c>/<c>"hh:mm:ss"</c>, ISO 8601 (<c>"P5D"</c>, <c>"PT2H"</c>), or a number of milliseconds.
    /// </summary>
    public static TimeSpan ToTimeSpan(JsonNode value)
    {
        if (value is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.Number && v.TryGetNumber(out var ms)) return TimeSpan.FromMilliseconds(ms);
            if (v.GetValueKind() == JsonValueKind.String)
            {
                var s = v.GetValue<string>().Trim();
                if (s.StartsWith('P') || s.StartsWith("-P", StringComparison.Ordinal))
                {
                    try { return XmlConvert.ToTimeSpan(s); }
                    catch (FormatException) { }
                    catch (OverflowException) { }
                }
                else if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var ts)) return ts;
                throw new ValueConversionException($"无法把 \"{Shorten(s)}\" 转换为时间间隔（例如 \"00:05:00\" 或 \"P5D\"）。");
            }
        }
        throw new ValueConversionException($"无法把 {Shorten(value.ToJsonString())} 转换为时间间隔。");
    }

    /// <summary>An instant from an ISO 8601 string (no offset means UTC) or epoch milliseconds.</summary>
    public static DateTimeOffset ToDateTimeOffset(JsonNode value)
    {
        if (value is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.Number && v.TryGetNumber(out var ms))
                return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
            if (v.TryGetValue<DateTimeOffset>(out var dto)) return dto;
            if (v.TryGetValue<DateTime>(out var dt)) return new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind));
            if (v.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse(v.GetValue<string>().Trim(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
                return parsed;
        }
        throw new ValueConversionException($"无法把 {Shorten(value.ToJsonString())} 转换为日期时间（ISO 8601）。");
    }

    public static Guid ToGuid(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var g)
            ? g
            : throw new ValueConversionException($"无法把 {Shorten(value.ToJsonString())} 转换为 Guid。");

    /// <summary>Object/JSON: a string holding JSON text is parsed; otherwise the value itself.</summary>
    public static JsonNode? ToObjectNode(JsonNode value)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var s = v.GetValue<string>().Trim();
            if (s.StartsWith('{') || s.StartsWith('['))
            {
                try { return JsonNode.Parse(s); }
                catch (JsonException) { }
            }
        }
        return value;
    }

    /// <summary>A string list from a JSON array or a comma-separated string (entries trimmed, empty ones dropped).</summary>
    public static IReadOnlyList<string> ToStringList(JsonNode value)
    {
        if (value is JsonArray a) return a.Where(n => n is not null).Select(n => ToText(n!).Trim()).Where(s => s.Length > 0).ToList();
        var text = ToText(value).Trim();
        if (text.StartsWith('['))
        {
            try
            {
                if (JsonNode.Parse(text) is JsonArray parsed) return ToStringList(parsed);
            }
            catch (JsonException) { }
        }
        return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Converts a CLR value to JSON (the inverse of <see cref="To{T}"/>).</summary>
    public static JsonNode? FromClr(object? value) => value switch
    {
        null => null,
        JsonNode n => n,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        decimal m => JsonValue.Create(m),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        TimeSpan ts => JsonValue.Create(ts.ToString("c", CultureInfo.InvariantCulture)),
        DateTimeOffset dto => JsonValue.Create(dto.ToString("o", CultureInfo.InvariantCulture)),
        DateTime dt => JsonValue.Create(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt).ToString("o", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString("D")),
        IEnumerable<string> list => new JsonArray(list.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        _ => JsonSerializer.SerializeToNode(value),
    };

    /// <summary>The initial value of a variable from its definition (<c>value</c> is usually a string).</summary>
    public static JsonNode? InitialValue(VariableDefinition variable)
    {
        var raw = variable.Value;
        if (raw is null) return null;
        if (raw is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0)
            return KindOf(variable.TypeName) == ValueKind.String ? JsonValue.Create("") : null;
        var kind = variable.IsArray ? ValueKind.Object : KindOf(variable.TypeName);
        return Normalize(raw.DeepClone(), kind);
    }

    internal static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
