using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Definitions;
using JintEngine = Jint.Engine;
using Jint;
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
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    JsonValueKind.Number => v.TryGetNumber(out var d) ? JsNumber.Create(d) : JsValue.Null,
                    JsonValueKind.String => JsString.Create(v.GetValue<string>()),
                    _ => JsValue.Null,
                };
            case JsonArray a:
            {
                var items = new JsValue[a.Count];
                for (var i = 0; i < a.Count; i++) items[i] = ToJs(engine, a[i]);
                return new JsArray(engine, items);
            }
            case JsonObject o:
            {
                var obj = new JsObject(engine);
                foreach (var (name, value) in o) obj.FastSetDataProperty(name, ToJs(engine, value));
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
            if (v.IsBigInt()) return JsonNode.Parse(TypeConverter.ToString(v));
            if (v.IsDate())
            {
                var ms = v.AsDate().DateValue;
                return double.IsNaN(ms) ? null : JsonValue.Create(DateTimeOffset.FromUnixTimeMilliseconds((long)ms).ToString("o", CultureInfo.InvariantCulture));
            }
            if (v.IsRegExp()) return JsonValue.Create(v.AsRegExp().Source);
            if (v is not ObjectInstance o || v.IsCallable()) return null;
            if (depth >= limits.MaxNestingDepth) throw budget.TooLarge("脚本结果的嵌套深度（或存在循环引用）");
            if (nodes % 1024 == 0) budget.Check();
            if (v.IsArray())
            {
                var length = TypeConverter.ToUint32(o.Get("length"));
                if (length > limits.MaxArrayLength) throw budget.TooLarge($"数组长度（{length}）");
                var array = new JsonArray();
                for (uint i = 0; i < length; i++)
                {
                    var element = o.Get(TypeConverter.ToString(i));
                    array.Add(element.IsCallable() ? null : Convert(element, depth + 1));
                }
                return array;
            }
            if (IsBoxedPrimitive(o))
                return Convert(TypeConverter.ToPrimitive(v, Types.Empty), depth);
            var result = new JsonObject();
            foreach (var (key, descriptor) in o.GetOwnProperties().ToList())
            {
                if (!descriptor.Enumerable || !key.IsString()) continue;
                var property = o.Get(key);
                if (property.IsUndefined() || property.IsCallable()) continue;
                result[key.AsString()] = Convert(property, depth + 1);
            }
            return result;
        }
    }

    // new Number(1), new String('a'), new Boolean(true): serialised as their primitive, as JSON.stringify does.
    // Jint keeps these wrapper types internal, so they are recognised by name.
    private static bool IsBoxedPrimitive(ObjectInstance o) =>
        o.GetType().FullName is "Jint.Native.Number.NumberInstance" or "Jint.Native.String.StringInstance" or "Jint.Native.Boolean.BooleanInstance";

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
