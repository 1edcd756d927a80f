using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Definitions;
using JintEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Certification.Workflows.Engine.Expressions;

/// <summary>Converts between JSON values (instance state) and Jint values, within the sandbox's size limits.</summary>
internal static class JsonJsConverter
{
    public static JsValue ToJs(JintEngine engine, JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonValue v:
                return v.GetValueKind() switch
                {
                    JsonValueKind.True => JsValue.True,
                    JsonValueKind.False => JsValue.False,
                    JsonValueKind.Number => v.TryGetNumber(out var d) ? new JsValue(d) : JsValue.Null,
                    JsonValueKind.String => new JsValue(v.GetValue<string>()),
                    _ => JsValue.Null,
                };
            case JsonArray a:
            {
                var array = engine.Array.Construct(Arguments.Empty);
                for (var i = 0; i < a.Count; i++) array.Put(i.ToString(CultureInfo.InvariantCulture), ToJs(engine, a[i]), false);
                return array;
            }
            case JsonObject o:
            {
                var obj = engine.Object.Construct(Arguments.Empty);
                foreach (var (name, value) in o) obj.FastAddProperty(name, ToJs(engine, value), true, true, true);
                return obj;
            }
            default:
                return JsValue.Null;
        }
    }

    /// <summary>JSON semantics: undefined and functions are omitted in objects and null in arrays; NaN/Infinity become null; dates become ISO strings.</summary>
    public static JsonNode? ToJson(JsValue value, ScriptBudget budget)
    {
        var nodes = 0;
        long chars = 0;
        return Convert(value, 0);

        JsonNode? Convert(JsValue v, int depth)
        {
            var limits = budget.Limits;
            if (++nodes > limits.MaxValueNodes) throw budget.TooLarge("脚本结果的值数量");
            if (v.IsUndefined() || v.IsNull()) return null;
            if (v.IsBoolean()) return JsonValue.Create(v.AsBoolean());
            if (v.IsNumber()) return Number(v.AsNumber());
            if (v.IsString())
            {
                var s = v.AsString();
                if ((chars += s.Length) > limits.MaxStringLength) throw budget.TooLarge("脚本结果的字符串");
                return JsonValue.Create(s);
            }
            if (v.IsDate())
            {
                var ms = v.AsDate().PrimitiveValue;
                return double.IsNaN(ms) ? null : JsonValue.Create(DateTimeOffset.FromUnixTimeMilliseconds((long)ms).ToString("o", CultureInfo.InvariantCulture));
            }
            if (v.IsRegExp()) return JsonValue.Create(v.AsRegExp().Source);
            if (!v.IsObject() || v.Is<ICallable>()) return null;
            if (depth >= limits.MaxNestingDepth) throw budget.TooLarge("脚本结果的嵌套深度（或存在循环引用）");
            if (nodes % 1024 == 0) budget.Check();
            var o = v.AsObject();
            if (o.Class == "Array")
            {
                var length = TypeConverter.ToUint32(o.Get("length"));
                if (length > limits.MaxArrayLength) throw budget.TooLarge($"数组长度（{length}）");
                var array = new JsonArray();
                for (uint i = 0; i < length; i++)
                {
                    var element = o.Get(TypeConverter.ToString(i));
                    array.Add(element.Is<ICallable>() ? null : Convert(element, depth + 1));
                }
                return array;
            }
            if (o.Class is "Boolean" or "Number" or "String")
                return Convert(TypeConverter.ToPrimitive(v, Types.None), depth);
            var result = new JsonObject();
            foreach (var (name, descriptor) in o.GetOwnProperties().ToList())
            {
                if (descriptor.Enumerable != true) continue;
                var property = o.Get(name);
                if (property.IsUndefined() || property.Is<ICallable>()) continue;
                result[name] = Convert(property, depth + 1);
            }
            return result;
        }
    }

    private static JsonValue? Number(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) return null;
        if (d == Math.Floor(d) && Math.Abs(d) < 9007199254740992d) return JsonValue.Create((long)d);
        return JsonValue.Create(d);
    }

    /// <summary>JavaScript truthiness, except that the strings "true"/"false" mean what they say.</summary>
    public static bool ToBoolean(JsValue value)
    {
        if (value.IsString() && bool.TryParse(value.AsString().Trim(), out var b)) return b;
        return TypeConverter.ToBoolean(value);
    }

    /// <summary>Exact decimal from a script number: through its shortest round-trip text, not a binary cast.</summary>
    public static decimal ToDecimal(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) throw new ValueConversionException("脚本结果不是有限数字。");
        return decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
