using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using JintEngine = Jint.Engine;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Certification.Workflows.Engine.Expressions;

/// <summary>Time and memory accounting for one evaluation, checked by the guarded built-ins.</summary>
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
/// Hardens a Jint 4 engine beyond its own constraints. Jint checks time, statements and memory between
/// statements and bounds array sizes, but a single built-in call can still walk a huge sparse array,
/// build an exponentially large string from shared arrays, or allocate a huge string or buffer at once.
/// So: array built-ins refuse huge <c>length</c>s (and <c>concat</c>/<c>flat</c> huge results);
/// <c>join</c>/<c>toString</c> are replaced by a linear, bounded implementation; <c>apply</c>, <c>bind</c>,
/// <c>JSON.stringify</c>, <c>replace</c>/<c>replaceAll</c>, <c>repeat</c>, <c>padStart</c>/<c>padEnd</c> and
/// <c>concat</c> check sizes first. Binary data (ArrayBuffer, typed arrays, Atomics — whose <c>wait</c>
/// blocks the thread), weak references and ShadowRealm are removed. Code from strings is refused by
/// the engine's options; CLR access is never enabled.
/// </summary>
internal static class ScriptSandbox
{
    private static readonly string[] LengthGuardedArrayMethods =
    [
        "concat", "copyWithin", "entries", "every", "fill", "filter", "find", "findIndex", "findLast", "findLastIndex",
        "flat", "flatMap", "forEach", "includes", "indexOf", "keys", "lastIndexOf", "map", "pop", "push", "reduce",
        "reduceRight", "reverse", "shift", "slice", "some", "sort", "splice", "toReversed", "toSorted", "toSpliced",
        "unshift", "values", "with",
    ];

    private static readonly string[] RemovedGlobals =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array", "Uint8ClampedArray",
        "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float16Array", "Float32Array", "Float64Array",
        "BigInt64Array", "BigUint64Array", "WeakRef", "FinalizationRegistry", "ShadowRealm",
    ];

    public static void Harden(JintEngine engine, ScriptBudget budget)
    {
        var limits = budget.Limits;
        foreach (var name in RemovedGlobals) engine.Global.Delete(name);

        var arrayProto = Prototype(engine, "Array");
        foreach (var name in LengthGuardedArrayMethods)
        {
            Wrap(engine, arrayProto, name, original => (thisObj, args) =>
            {
                budget.Check();
                var length = CheckLength(engine, thisObj, budget);
                if (name is "concat") CheckConcat(engine, length, args, budget);
                if (name is "flat") CheckFlat(engine, thisObj, args.Length > 0 && !args[0].IsUndefined() ? TypeConverter.ToNumber(args[0]) : 1, budget);
                var result = original(thisObj, args);
                budget.Check();
                return result;
            });
        }

        var joins = new JoinContext(engine, budget);
        var join = new ClrFunction(engine, "join", (thisObj, args) =>
            Join(joins, thisObj, args.Length > 0 && !args[0].IsUndefined() ? TypeConverter.ToString(args[0]) : ","), 1, PropertyFlag.Configurable);
        var toString = new ClrFunction(engine, "toString", (thisObj, _) =>
        {
            var j = engine.GetValue(thisObj, "join");
            return j.IsCallable() ? engine.Call(j, thisObj, []) : JsString.Create("[object Array]");
        }, 0, PropertyFlag.Configurable);
        arrayProto.FastSetProperty("join", Method(join));
        arrayProto.FastSetProperty("toString", Method(toString));
        arrayProto.FastSetProperty("toLocaleString", Method(toString));
        joins.JoinFunction = join;
        joins.ToStringFunction = toString;

        var functionProto = Prototype(engine, "Function");
        Wrap(engine, functionProto, "apply", original => (thisObj, args) =>
        {
            budget.Check();
            if (args.Length > 1 && args[1].IsObject()) CheckLength(engine, args[1], budget);
            return original(thisObj, args);
        });
        var bindDepth = new ConditionalWeakTable<ObjectInstance, StrongBox<int>>();
        Wrap(engine, functionProto, "bind", original => (thisObj, args) =>
        {
            // Calling a bound function of a bound function … recurses natively, outside Jint's call-depth count.
            budget.Check();
            var depth = thisObj is ObjectInstance target && bindDepth.TryGetValue(target, out var d) ? d.Value : 0;
            if (depth >= limits.MaxNestingDepth) throw budget.TooLarge("函数绑定（bind）嵌套");
            var bound = original(thisObj, args);
            if (bound is ObjectInstance o) bindDepth.AddOrUpdate(o, new StrongBox<int>(depth + 1));
            return bound;
        });

        Wrap(engine, engine.Global.Get("JSON").AsObject(), "stringify", original => (thisObj, args) =>
        {
            budget.Check();
            if (args.Length > 0) CheckValueSize(engine, args[0], budget);
            var result = original(thisObj, args);
            CheckString(result, budget);
            return result;
        });

        var stringProto = Prototype(engine, "String");
        foreach (var name in new[] { "replace", "replaceAll" })
        {
            Wrap(engine, stringProto, name, original => (thisObj, args) =>
            {
                budget.Check();
                var text = TypeConverter.ToString(thisObj);
                if (args.Length > 1 && !args[1].IsCallable())
                {
                    var replacement = TypeConverter.ToString(args[1]);
                    var isGlobal = name == "replaceAll" || (args[0] is JsRegExp re && re.Global);
                    var matches = isGlobal ? (long)text.Length + 1 : 1;
                    var perMatch = replacement.Contains('$') ? replacement.Length + 2L * text.Length : replacement.Length;
                    if (text.Length + matches * perMatch > limits.MaxStringLength) throw budget.TooLarge("字符串替换结果");
                }
                var result = original(thisObj, args);
                CheckString(result, budget);
                return result;
            });
        }
        // Results whose length is known before they are built are refused before the allocation.
        GuardStringLength(engine, stringProto, "repeat", budget, (text, args) =>
            text.Length * (args.Length > 0 ? Math.Max(0, TypeConverter.ToNumber(args[0])) : 0));
        foreach (var name in new[] { "padStart", "padEnd" })
            GuardStringLength(engine, stringProto, name, budget, (text, args) =>
                args.Length > 0 ? TypeConverter.ToNumber(args[0]) : 0);
        GuardStringLength(engine, stringProto, "concat", budget, (text, args) =>
            text.Length + args.Sum(a => a.IsString() ? (double)a.AsString().Length : 0));
    }

    // Called before any script runs, so the globals are still the built-ins.
    private static ObjectInstance Prototype(JintEngine engine, string constructor) =>
        engine.Global.Get(constructor).AsObject().Get("prototype").AsObject();

    private static PropertyDescriptor Method(JsValue function) => new(function, writable: true, enumerable: false, configurable: true);

    private static void Wrap(JintEngine engine, ObjectInstance target, string name, Func<Func<JsValue, JsValue[], JsValue>, Func<JsValue, JsValue[], JsValue>> wrapper)
    {
        var value = target.Get(name);
        if (!value.IsCallable()) return;
        var length = value.AsObject().Get("length") is var l && l.IsNumber() ? (int)l.AsNumber() : 0;
        // A nested Engine.Call keeps the running evaluation's constraints (only a top-level entry resets them).
        var original = (JsValue thisObj, JsValue[] args) => engine.Call(value, thisObj, args);
        target.FastSetProperty(name, Method(new ClrFunction(engine, name, wrapper(original), length, PropertyFlag.Configurable)));
    }

    private static void GuardStringLength(JintEngine engine, ObjectInstance target, string name, ScriptBudget budget, Func<string, JsValue[], double> resultLength)
    {
        Wrap(engine, target, name, original => (thisObj, args) =>
        {
            budget.Check();
            if (!thisObj.IsNull() && !thisObj.IsUndefined() && resultLength(TypeConverter.ToString(thisObj), args) > budget.Limits.MaxStringLength)
                throw budget.TooLarge("字符串长度");
            return original(thisObj, args);
        });
    }

    /// <summary>The <c>length</c> of an array or array-like, refused above the limit.</summary>
    private static uint CheckLength(JintEngine engine, JsValue value, ScriptBudget budget)
    {
        if (value.IsUndefined() || value.IsNull()) return 0;
        var length = TypeConverter.ToLength(engine.GetValue(value, "length"));
        if (length > (ulong)budget.Limits.MaxArrayLength)
            throw budget.TooLarge($"数组长度（{length}）");
        return (uint)length;
    }

    private static void CheckConcat(JintEngine engine, uint length, JsValue[] args, ScriptBudget budget)
    {
        long total = length;
        foreach (var a in args)
            total += a.IsArray() ? CheckLength(engine, a, budget) : 1;
        if (total > budget.Limits.MaxArrayLength) throw budget.TooLarge($"数组拼接结果的长度（{total}）");
    }

    /// <summary>Counts what <c>flat</c> would produce (shared nested arrays counted each time), stopping at the limit.</summary>
    private static void CheckFlat(JintEngine engine, JsValue root, double depth, ScriptBudget budget)
    {
        var limit = budget.Limits.MaxArrayLength;
        long produced = 0;
        var stack = new Stack<(JsValue Array, double Depth)>();
        stack.Push((root, depth));
        while (stack.Count > 0)
        {
            var (array, remaining) = stack.Pop();
            var length = CheckLength(engine, array, budget);
            for (uint i = 0; i < length; i++)
            {
                var element = array is ObjectInstance o && o.GetOwnProperty(i) is { } d && d != PropertyDescriptor.Undefined ? d.Value : null;
                if (element is not null && element.IsArray() && remaining >= 1) stack.Push((element, remaining - 1));
                else if (++produced > limit) throw budget.TooLarge("数组展开（flat）结果的长度");
            }
        }
    }

    private static void CheckString(JsValue value, ScriptBudget budget)
    {
        if (value.IsString() && value.AsString().Length > budget.Limits.MaxStringLength) throw budget.TooLarge("字符串长度");
        budget.Check();
    }

    /// <summary>State of one top-level <c>join</c> (nested joins included).</summary>
    private sealed class JoinContext(JintEngine engine, ScriptBudget budget)
    {
        public JintEngine Engine { get; } = engine;
        public ScriptBudget Budget { get; } = budget;
        public HashSet<JsValue> Active { get; } = new(ReferenceEqualityComparer.Instance);
        public ObjectInstance? JoinFunction { get; set; }
        public ObjectInstance? ToStringFunction { get; set; }
        public long Chars;
        public long Elements;

        /// <summary>True for an array that still uses the built-in toString and join, which can be joined directly.</summary>
        public bool IsPlainArray(JsValue value) =>
            value.IsArray() && value.AsObject() is var o
            && ReferenceEquals(o.Get("toString"), ToStringFunction) && ReferenceEquals(o.Get("join"), JoinFunction);
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
        if (thisObj.IsNull() || thisObj.IsUndefined())
            throw new JavaScriptException(joins.Engine.Intrinsics.TypeError, "Array.prototype.join called on null or undefined");
        var length = CheckLength(joins.Engine, thisObj, budget);
        if (joins.Active.Count == 0) joins.Chars = joins.Elements = 0;
        if (!joins.Active.Add(thisObj)) return JsString.Empty;
        try
        {
            if (joins.Active.Count > limits.MaxNestingDepth) throw budget.TooLarge("数组嵌套深度");
            var sb = new StringBuilder();
            for (uint k = 0; k < length; k++)
            {
                if (k > 0) sb.Append(separator);
                if (++joins.Elements > limits.MaxArrayLength) throw budget.TooLarge("数组转字符串时访问的元素数量");
                var element = joins.Engine.GetValue(thisObj, k);
                if (!element.IsUndefined() && !element.IsNull())
                {
                    var text = joins.IsPlainArray(element) ? Join(joins, element, ",").AsString() : TypeConverter.ToString(element);
                    sb.Append(text);
                    joins.Chars += text.Length + separator.Length;
                }
                if (sb.Length > limits.MaxStringLength || joins.Chars > limits.MaxStringLength) throw budget.TooLarge("数组转字符串的长度");
                if ((k & 255) == 255) budget.Check();
            }
            return JsString.Create(sb.ToString());
        }
        finally
        {
            joins.Active.Remove(thisObj);
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
            if (value is not ObjectInstance o || value.IsCallable()) continue;
            if (depth >= limits.MaxNestingDepth) throw budget.TooLarge("JSON 序列化的嵌套深度（或存在循环引用）");
            if (value.IsArray())
            {
                var length = CheckLength(engine, value, budget);
                for (uint i = 0; i < length; i++)
                {
                    var d = o.GetOwnProperty(i);
                    if (d != PropertyDescriptor.Undefined && d.Value is not null) stack.Push((d.Value, depth + 1));
                }
            }
            else
            {
                foreach (var (_, d) in o.GetOwnProperties())
                    if (d.Enumerable && d.Value is not null) stack.Push((d.Value, depth + 1));
            }
        }
    }
}
