using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using JintEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Native.RegExp;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Certification.Workflows.Engine.Expressions;

/// <summary>Time and memory accounting for one evaluation, checked by the guard and by the guarded built-ins.</summary>
internal sealed class ScriptBudget(ScriptLimits limits)
{
    private long _deadline;
    private long _allocationStart;

    public ScriptLimits Limits { get; } = limits;

    public void Start()
    {
        _deadline = Stopwatch.GetTimestamp() + (long)(Limits.Timeout.TotalSeconds * Stopwatch.Frequency);
        _allocationStart = GC.GetAllocatedBytesForCurrentThread();
    }

    public void Check()
    {
        if (Stopwatch.GetTimestamp() > _deadline)
            throw new ScriptException(ScriptErrorKind.Timeout, $"脚本运行超时（上限 {Limits.Timeout.TotalSeconds:0.###} 秒）。");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - _allocationStart;
        if (allocated > Limits.MaxAllocatedBytes)
            throw new ScriptException(ScriptErrorKind.MemoryLimit, $"脚本内存占用超过上限（已分配 {allocated / (1024 * 1024)} MB，上限 {Limits.MaxAllocatedBytes / (1024 * 1024)} MB）。");
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw new ScriptException(ScriptErrorKind.RecursionLimit, "脚本递归过深（调用栈不足）。", ex);
        }
    }

    public ScriptException TooLarge(string what) =>
        new(ScriptErrorKind.MemoryLimit, $"脚本中{what}超过上限。");
}

/// <summary>
/// Hardens a Jint 2.10 engine. Jint checks its time and statement limits only between statements,
/// and has no memory limit, so single built-in calls that can run long, allocate without bound or
/// recurse natively are wrapped: array built-ins refuse huge <c>length</c>s; <c>join</c>/<c>toString</c>
/// are replaced by a linear, bounded implementation; <c>apply</c>, <c>bind</c>, <c>Object.create</c>,
/// <c>JSON.stringify</c>/<c>parse</c> and <c>replace</c>/<c>split</c> check sizes and depths first;
/// regular expressions get a match timeout. <c>eval</c> and the <c>Function</c> constructor are
/// removed (code they create would bypass the instrumentation). CLR access is never enabled.
/// </summary>
internal static class ScriptSandbox
{
    private static readonly string[] LengthGuardedArrayMethods =
    [
        "concat", "pop", "push", "reverse", "shift", "slice", "sort", "splice", "unshift", "indexOf",
        "lastIndexOf", "every", "some", "forEach", "map", "filter", "reduce", "reduceRight",
    ];

    public static void Harden(JintEngine engine, ScriptBudget budget)
    {
        var limits = budget.Limits;
        var global = engine.Global;

        // No code from strings.
        global.Delete("eval", false);
        var refuse = new ClrFunctionInstance(engine, (_, _) =>
            throw new JavaScriptException(engine.Error, "Function 构造函数在工作流脚本中不可用。"), 1);
        global.FastSetProperty("Function", new PropertyDescriptor(refuse, false, false, false));
        engine.Function.PrototypeObject.FastSetProperty("constructor", new PropertyDescriptor(refuse, false, false, false));

        var arrayProto = engine.Array.PrototypeObject;
        foreach (var name in LengthGuardedArrayMethods)
        {
            Wrap(engine, arrayProto, name, original => (thisObj, args) =>
            {
                budget.Check();
                CheckLength(engine, thisObj, budget);
                if (name is "concat" or "push" or "unshift")
                    foreach (var a in args)
                        if (a.IsObject() && a.AsObject() is var o && o.Class == "Array") CheckLength(engine, a, budget);
                var result = original.Call(thisObj, args);
                budget.Check();
                return result;
            });
        }

        var joins = new JoinContext(engine, budget);
        var join = new ClrFunctionInstance(engine, (thisObj, args) =>
            Join(joins, thisObj, args.Length > 0 && !args[0].IsUndefined() ? TypeConverter.ToString(args[0]) : ","), 1);
        arrayProto.FastSetProperty("join", new PropertyDescriptor(join, true, false, true));
        var toString = new ClrFunctionInstance(engine, (thisObj, _) =>
        {
            var o = TypeConverter.ToObject(engine, thisObj);
            var j = o.Get("join");
            return j.IsObject() && j.AsObject() is ICallable callable ? callable.Call(o, Arguments.Empty) : new JsValue("[object " + o.Class + "]");
        }, 0);
        arrayProto.FastSetProperty("toString", new PropertyDescriptor(toString, true, false, true));
        joins.JoinFunction = join;
        joins.ToStringFunction = toString;
        arrayProto.FastSetProperty("toLocaleString", new PropertyDescriptor(toString, true, false, true));

        var functionProto = engine.Function.PrototypeObject;
        Wrap(engine, functionProto, "apply", original => (thisObj, args) =>
        {
            budget.Check();
            if (args.Length > 1 && args[1].IsObject()) CheckLength(engine, args[1], budget);
            return original.Call(thisObj, args);
        });
        var bindDepth = new ConditionalWeakTable<ObjectInstance, StrongBox<int>>();
        Wrap(engine, functionProto, "bind", original => (thisObj, args) =>
        {
            budget.Check();
            var depth = thisObj.IsObject() && bindDepth.TryGetValue(thisObj.AsObject(), out var d) ? d.Value : 0;
            if (depth >= limits.MaxNestingDepth) throw budget.TooLarge("函数绑定（bind）嵌套");
            var bound = original.Call(thisObj, args);
            if (bound.IsObject()) bindDepth.AddOrUpdate(bound.AsObject(), new StrongBox<int>(depth + 1));
            return bound;
        });

        Wrap(engine, engine.Object, "create", original => (thisObj, args) =>
        {
            budget.Check();
            if (args.Length > 0 && args[0].IsObject()) CheckPrototypeDepth(args[0].AsObject(), budget);
            return original.Call(thisObj, args);
        });

        Wrap(engine, engine.Json, "stringify", original => (thisObj, args) =>
        {
            budget.Check();
            if (args.Length > 0) CheckValueSize(engine, args[0], budget);
            var result = original.Call(thisObj, args);
            CheckString(result, budget);
            return result;
        });
        Wrap(engine, engine.Json, "parse", original => (thisObj, args) =>
        {
            budget.Check();
            if (args.Length > 0 && args[0].IsString()) CheckJsonTextDepth(args[0].AsString(), budget);
            return original.Call(thisObj, args);
        });

        var stringProto = engine.String.PrototypeObject;
        Wrap(engine, stringProto, "replace", original => (thisObj, args) =>
        {
            budget.Check();
            var text = TypeConverter.ToString(thisObj);
            if (args.Length > 1 && !args[1].Is<ICallable>())
            {
                var replacement = TypeConverter.ToString(args[1]);
                var isGlobal = args[0].Is<RegExpInstance>() && args[0].As<RegExpInstance>().Global;
                var matches = isGlobal ? (long)text.Length + 1 : 1;
                var perMatch = replacement.Contains('$') ? replacement.Length + 2L * text.Length : replacement.Length;
                if (text.Length + matches * perMatch > limits.MaxStringLength) throw budget.TooLarge("字符串替换结果");
            }
            if (args.Length > 0) LimitRegex(args[0], budget);
            var result = original.Call(thisObj, args);
            CheckString(result, budget);
            return result;
        });
        foreach (var name in new[] { "match", "search" })
        {
            Wrap(engine, stringProto, name, original => (thisObj, args) =>
            {
                budget.Check();
                if (args.Length > 0 && !args[0].Is<RegExpInstance>())
                    args = [engine.RegExp.Construct([args[0].IsUndefined() ? new JsValue("") : new JsValue(TypeConverter.ToString(args[0]))]), .. args.Skip(1)];
                if (args.Length > 0) LimitRegex(args[0], budget);
                return original.Call(thisObj, args);
            });
        }
        Wrap(engine, stringProto, "split", original => (thisObj, args) =>
        {
            budget.Check();
            var text = TypeConverter.ToString(thisObj);
            var limit = args.Length > 1 && !args[1].IsUndefined() ? TypeConverter.ToUint32(args[1]) : uint.MaxValue;
            if (text.Length > limits.MaxArrayLength && limit > limits.MaxArrayLength) throw budget.TooLarge("拆分的字符串");
            if (args.Length > 0) LimitRegex(args[0], budget);
            return original.Call(thisObj, args);
        });
        foreach (var name in new[] { "concat", "toUpperCase", "toLowerCase", "substring", "substr", "slice", "trim" })
        {
            Wrap(engine, stringProto, name, original => (thisObj, args) =>
            {
                budget.Check();
                var result = original.Call(thisObj, args);
                CheckString(result, budget);
                return result;
            });
        }
        foreach (var name in new[] { "exec", "test" })
        {
            Wrap(engine, engine.RegExp.PrototypeObject, name, original => (thisObj, args) =>
            {
                budget.Check();
                LimitRegex(thisObj, budget);
                return original.Call(thisObj, args);
            });
        }
    }

    /// <summary>Called at every statement and function entry of instrumented scripts.</summary>
    public static JsValue Guard(ScriptBudget budget, JsValue thisObj)
    {
        budget.Check();
        if (thisObj.IsObject()) CheckPrototypeDepth(thisObj.AsObject(), budget);
        return JsValue.Undefined;
    }

    private static void Wrap(JintEngine engine, ObjectInstance target, string name, Func<ICallable, Func<JsValue, JsValue[], JsValue>> wrapper)
    {
        var value = target.Get(name);
        if (!value.IsObject() || value.AsObject() is not ICallable original) return;
        var length = value.IsObject() && value.AsObject().Get("length") is var l && l.IsNumber() ? (int)l.AsNumber() : 0;
        target.FastSetProperty(name, new PropertyDescriptor(new ClrFunctionInstance(engine, wrapper(original), length), true, false, true));
    }

    private static void CheckLength(JintEngine engine, JsValue value, ScriptBudget budget)
    {
        if (value.IsUndefined() || value.IsNull()) return;
        var o = TypeConverter.ToObject(engine, value);
        var length = TypeConverter.ToUint32(o.Get("length"));
        if (length > budget.Limits.MaxArrayLength)
            throw budget.TooLarge($"数组长度（{length}）");
    }

    private static void CheckString(JsValue value, ScriptBudget budget)
    {
        if (value.IsString() && value.AsString().Length > budget.Limits.MaxStringLength) throw budget.TooLarge("字符串长度");
        budget.Check();
    }

    private static void CheckPrototypeDepth(ObjectInstance o, ScriptBudget budget)
    {
        var depth = 0;
        for (var p = o.Prototype; p is not null; p = p.Prototype)
            if (++depth > budget.Limits.MaxNestingDepth) throw budget.TooLarge("原型链深度");
    }

    private static void LimitRegex(JsValue value, ScriptBudget budget)
    {
        if (!value.Is<RegExpInstance>()) return;
        var re = value.As<RegExpInstance>();
        if (re.Value is { } regex && regex.MatchTimeout == Regex.InfiniteMatchTimeout)
            re.Value = new Regex(regex.ToString(), regex.Options, budget.Limits.Timeout);
    }

    /// <summary>State of one top-level <c>join</c> (nested joins included).</summary>
    private sealed class JoinContext(JintEngine engine, ScriptBudget budget)
    {
        public JintEngine Engine { get; } = engine;
        public ScriptBudget Budget { get; } = budget;
        public HashSet<ObjectInstance> Active { get; } = new(ReferenceEqualityComparer.Instance);
        public ObjectInstance? JoinFunction { get; set; }
        public ObjectInstance? ToStringFunction { get; set; }
        public long Chars;
        public long Elements;

        /// <summary>True for an array that still uses the built-in toString and join, which can be joined directly.</summary>
        public bool IsPlainArray(JsValue value)
        {
            if (!value.IsObject() || value.AsObject() is not { Class: "Array" } o) return false;
            var toString = o.Get("toString");
            var join = o.Get("join");
            return toString.IsObject() && ReferenceEquals(toString.AsObject(), ToStringFunction)
                && join.IsObject() && ReferenceEquals(join.AsObject(), JoinFunction);
        }
    }

    /// <summary>
    /// A linear, bounded <c>Array.prototype.join</c>; cycles join as empty strings (as browsers do).
    /// One top-level join, nested arrays included, may visit at most <see cref="ScriptLimits.MaxArrayLength"/>
    /// elements and build at most <see cref="ScriptLimits.MaxStringLength"/> characters in total, so
    /// exponentially shared arrays stop early. Nested plain arrays are joined directly.
    /// </summary>
    private static JsValue Join(JoinContext joins, JsValue thisObj, string separator)
    {
        var budget = joins.Budget;
        var limits = budget.Limits;
        budget.Check();
        var o = TypeConverter.ToObject(joins.Engine, thisObj);
        var length = TypeConverter.ToUint32(o.Get("length"));
        if (length > limits.MaxArrayLength) throw budget.TooLarge($"数组长度（{length}）");
        if (joins.Active.Count == 0) joins.Chars = joins.Elements = 0;
        if (!joins.Active.Add(o)) return new JsValue("");
        try
        {
            if (joins.Active.Count > limits.MaxNestingDepth) throw budget.TooLarge("数组嵌套深度");
            var sb = new StringBuilder();
            for (uint k = 0; k < length; k++)
            {
                if (k > 0) sb.Append(separator);
                if (++joins.Elements > limits.MaxArrayLength) throw budget.TooLarge("数组转字符串时访问的元素数量");
                var element = o.Get(TypeConverter.ToString(k));
                if (!element.IsUndefined() && !element.IsNull())
                {
                    var text = joins.IsPlainArray(element) ? Join(joins, element, ",").AsString() : TypeConverter.ToString(element);
                    sb.Append(text);
                    joins.Chars += text.Length + separator.Length;
                }
                if (sb.Length > limits.MaxStringLength || joins.Chars > limits.MaxStringLength) throw budget.TooLarge("数组转字符串的长度");
                if ((k & 255) == 255) budget.Check();
            }
            return new JsValue(sb.ToString());
        }
        finally
        {
            joins.Active.Remove(o);
        }
    }

    /// <summary>Walks a value (without calling getters) counting nodes, with repeats, and depth.</summary>
    private static void CheckValueSize(JintEngine engine, JsValue root, ScriptBudget budget)
    {
        var limits = budget.Limits;
        var stack = new Stack<(JsValue Value, int Depth)>();
        stack.Push((root, 0));
        var nodes = 0;
        long chars = 0;
        while (stack.Count > 0)
        {
            var (value, depth) = stack.Pop();
            if (++nodes > limits.MaxValueNodes) throw budget.TooLarge("JSON 序列化的值");
            if (value.IsString() && (chars += value.AsString().Length) > limits.MaxStringLength) throw budget.TooLarge("JSON 序列化的字符串");
            if (!value.IsObject() || value.Is<ICallable>()) continue;
            if (depth >= limits.MaxNestingDepth) throw budget.TooLarge("JSON 序列化的嵌套深度（或存在循环引用）");
            var o = value.AsObject();
            if (o.Class == "Array")
            {
                CheckLength(engine, value, budget);
                var length = TypeConverter.ToUint32(o.Get("length"));
                for (uint i = 0; i < length; i++)
                {
                    var d = o.GetOwnProperty(TypeConverter.ToString(i));
                    if (d != PropertyDescriptor.Undefined && d.Value is not null) stack.Push((d.Value, depth + 1));
                }
            }
            else
            {
                foreach (var (_, d) in o.GetOwnProperties())
                    if (d.Enumerable == true && d.Value is not null) stack.Push((d.Value, depth + 1));
            }
        }
    }

    private static void CheckJsonTextDepth(string text, ScriptBudget budget)
    {
        if (text.Length > budget.Limits.MaxStringLength) throw budget.TooLarge("JSON 文本长度");
        int depth = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c is '[' or '{')
            {
                if (++depth > budget.Limits.MaxNestingDepth) throw budget.TooLarge("JSON 文本的嵌套深度");
            }
            else if (c is ']' or '}') depth--;
        }
    }
}
