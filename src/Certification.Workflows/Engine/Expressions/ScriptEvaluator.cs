using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using JintEngine = Jint.Engine;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Certification.Workflows.Engine.Expressions;

/// <summary>What a script sees of the workflow instance.</summary>
public interface IScriptScope
{
    /// <summary>The instance's variables, by name. Scripts read them and write them back.</summary>
    JsonObject Variables { get; }

    /// <summary>The instance's input (<c>getInput(name)</c>).</summary>
    JsonObject Input { get; }

    /// <summary>Writes a variable (converted to its declared type by the scope).</summary>
    void SetVariable(string name, JsonNode? value);

    /// <summary>The workflow clock (<c>now()</c>).</summary>
    DateTimeOffset Now { get; }
}

/// <summary>
/// Evaluates JavaScript for one step of one instance. The Jint engine is created on first use and
/// reused for the rest of the step, its globals restored before each evaluation (engines are not
/// shared between steps or instances, so nothing a script does leaks elsewhere). Globals: <c>variables</c> (read and write; writes persist),
/// <c>getVariable(name)</c>, <c>setVariable(name, value)</c>, <c>getInput(name?)</c>, <c>now()</c>, <c>JSON</c>.
/// Not thread-safe: one per step.
/// </summary>
public sealed partial class ScriptEvaluator(ScriptLimits? limits = null)
{
    private readonly ScriptBudget _budget = new(limits ?? ScriptLimits.Default);
    private JintEngine? _engine;
    private GlobalSnapshot? _globals;
    private IScriptScope? _scope;
    private ObjectInstance? _variables;
    private readonly Dictionary<string, JsValue> _snapshot = new(StringComparer.Ordinal);

    public ScriptLimits Limits => _budget.Limits;

    /// <summary>Evaluates a script and returns its completion value converted to JSON.</summary>
    public JsonNode? Evaluate(CompiledScript script, IScriptScope scope) =>
        Run(script, scope, v => JsonJsConverter.ToJson(v, _budget));

    /// <summary>Evaluates a script for a Boolean (JavaScript truthiness).</summary>
    public bool EvaluateBoolean(CompiledScript script, IScriptScope scope) =>
        Run(script, scope, JsonJsConverter.ToBoolean);

    /// <summary>Evaluates a script and converts its result to the given kind.</summary>
    public JsonNode? Evaluate(CompiledScript script, IScriptScope scope, ValueKind kind) => kind switch
    {
        ValueKind.Boolean => JsonValue.Create(EvaluateBoolean(script, scope)),
        ValueKind.Decimal => Run(script, scope, v => v.IsNumber()
            ? (JsonNode)JsonValue.Create(JsonJsConverter.ToDecimal(v.AsNumber()))
            : ValueConverter.Normalize(JsonJsConverter.ToJson(v, _budget), ValueKind.Decimal)),
        _ => ValueConverter.Normalize(Evaluate(script, scope), kind),
    };

    private T Run<T>(CompiledScript script, IScriptScope scope, Func<JsValue, T> convert)
    {
        ref readonly var prepared = ref script.Prepared;
        var engine = _engine ??= CreateEngine();
        _scope = scope;
        try
        {
            // Each evaluation starts from the engine's initial globals: top-level declarations of one
            // script (`const x`, `var x`) neither clash with nor leak into the next one of the step.
            if (_globals is null) _globals = engine.Advanced.CaptureGlobalSnapshot();
            else engine.Advanced.RestoreGlobalSnapshot(_globals);
            BindVariables(engine, scope);
            _budget.Start();
            var result = convert(engine.Evaluate(in prepared));
            WriteBackVariables(scope);
            return result;
        }
        catch (ScriptException)
        {
            throw;
        }
        catch (JavaScriptException ex) when (IsStackExhausted(ex))
        {
            throw new ScriptException(ScriptErrorKind.RecursionLimit, "脚本递归过深（调用栈不足）。", ex);
        }
        catch (JavaScriptException ex)
        {
            var line = ex.Location.Start.Line > 0 ? $"（第 {ex.Location.Start.Line} 行）" : "";
            throw new ScriptException(ScriptErrorKind.Runtime, $"脚本执行出错{line}：{ErrorText(ex)}", ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ScriptException(ScriptErrorKind.StatementLimit, $"脚本执行的语句数超过上限（{_budget.Limits.MaxStatements}），可能是死循环。", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ScriptException(ScriptErrorKind.RecursionLimit, $"脚本递归调用过深（上限 {_budget.Limits.MaxRecursionDepth} 层）。", ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ScriptException(ScriptErrorKind.MemoryLimit, MemoryLimitText(ex), ex);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException ex)
        {
            throw new ScriptException(ScriptErrorKind.Timeout, "脚本中的正则表达式匹配超时。", ex);
        }
        catch (TimeoutException ex)
        {
            throw new ScriptException(ScriptErrorKind.Timeout, $"脚本运行超时（上限 {_budget.Limits.Timeout.TotalSeconds:0.###} 秒）。", ex);
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw new ScriptException(ScriptErrorKind.RecursionLimit, "脚本递归过深（调用栈不足）。", ex);
        }
        catch (OutOfMemoryException ex)
        {
            throw new ScriptException(ScriptErrorKind.MemoryLimit, "脚本内存占用超过上限。", ex);
        }
        catch (ValueConversionException ex)
        {
            throw new ScriptException(ScriptErrorKind.Runtime, "脚本结果无法转换：" + ex.Message, ex);
        }
        catch (Exception ex)
        {
            // Anything else the interpreter throws is a failure of this script, not of the engine.
            throw new ScriptException(ScriptErrorKind.Runtime, "脚本执行出错：" + ex.Message, ex);
        }
        finally
        {
            _scope = null;
        }
    }

    // Jint reports the two memory limits with one exception type: the array-size one names the size.
    private string MemoryLimitText(MemoryLimitExceededException ex)
    {
        var size = ArraySize().Match(ex.Message);
        return size.Success
            ? $"脚本中数组长度（{size.Groups[1].Value}）超过上限（{_budget.Limits.MaxArrayLength}）。"
            : $"脚本内存占用超过上限（{_budget.Limits.MaxAllocatedBytes / (1024 * 1024)} MB）。";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"array size (\d+)")]
    private static partial System.Text.RegularExpressions.Regex ArraySize();

    // The engine's stack guard throws a RangeError a script could catch; uncaught, it is a recursion limit.
    private static bool IsStackExhausted(JavaScriptException ex) =>
        ex.Error is ObjectInstance error && error.Get("name") is var name && name.IsString() && name.AsString() == "RangeError"
        && ErrorText(ex).Contains("call stack", StringComparison.OrdinalIgnoreCase);

    private static string ErrorText(JavaScriptException ex)
    {
        try
        {
            if (ex.Error is ObjectInstance error && error.Get("message") is var message && message.IsString())
                return message.AsString();
            return ex.Error.IsUndefined() ? ex.Message : TypeConverter.ToString(ex.Error);
        }
        catch (Exception)
        {
            return ex.Message;
        }
    }

    private JintEngine CreateEngine()
    {
        var limits = _budget.Limits;
        var engine = new JintEngine(o =>
        {
            o.Strict()
                .TimeoutInterval(limits.Timeout)
                .MaxStatements(limits.MaxStatements)
                .LimitRecursion(limits.MaxRecursionDepth)
                .LimitMemory(limits.MaxAllocatedBytes)
                .Culture(CultureInfo.InvariantCulture)
                .LocalTimeZone(ChinaTimeZone.Value);
            // Array storage grows in powers of two: an array of MaxArrayLength elements must still fit.
            o.Constraints.MaxArraySize = BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, limits.MaxArrayLength));
            o.Constraints.RegexTimeout = limits.Timeout;
            o.Constraints.StackOverflowGuard = true;
            o.Json.MaxParseDepth = limits.MaxNestingDepth;
            o.Host.StringCompilationAllowed = false;
            o.TimeSystem = new WorkflowClock(this);
        });
        ScriptSandbox.Harden(engine, _budget);
        var global = engine.Global;

        void Define(string name, Func<JsValue, JsValue[], JsValue> fn, int length) =>
            global.FastSetProperty(name, new PropertyDescriptor(new ClrFunction(engine, name, fn, length, PropertyFlag.Configurable), PropertyFlag.None));

        Define("getVariable", (_, args) =>
        {
            var name = args.Length > 0 ? TypeConverter.ToString(args[0]) : "";
            return _variables is null ? JsValue.Undefined : _variables.Get(ResolveName(name));
        }, 1);
        Define("setVariable", (_, args) =>
        {
            var name = args.Length > 0 ? TypeConverter.ToString(args[0]) : "";
            var value = args.Length > 1 ? args[1] : JsValue.Undefined;
            _variables?.Set(ResolveName(name), value);
            return JsValue.Undefined;
        }, 2);
        Define("getInput", (_, args) =>
        {
            var input = _scope?.Input;
            if (input is null) return JsValue.Undefined;
            if (args.Length == 0 || args[0].IsUndefined()) return JsonJsConverter.ToJs(engine, input);
            var name = TypeConverter.ToString(args[0]);
            var node = input.TryGetPropertyValue(name, out var exact) ? exact
                : input.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            return node is null && !input.Any(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase))
                ? JsValue.Undefined
                : JsonJsConverter.ToJs(engine, node);
        }, 1);
        Define("now", (_, _) => new JsDate(engine, Now), 0);
        return engine;
    }

    /// <summary>The workflow clock; <c>now()</c>, <c>new Date()</c>, <c>Date.now()</c> and <c>Temporal.Now</c> all read it.</summary>
    private DateTimeOffset Now => _scope?.Now ?? DateTimeOffset.UtcNow;

    private sealed class WorkflowClock(ScriptEvaluator owner) : ITimeSystem
    {
        private readonly DefaultTimeSystem _zone = new(ChinaTimeZone.Value, CultureInfo.InvariantCulture);

        public TimeZoneInfo DefaultTimeZone => _zone.DefaultTimeZone;
        public DateTimeOffset GetUtcNow() => owner.Now.ToUniversalTime();
        public bool TryParse(string date, out long epochMilliseconds) => _zone.TryParse(date, out epochMilliseconds);
        public TimeSpan GetUtcOffset(long epochMilliseconds) => _zone.GetUtcOffset(epochMilliseconds);
    }

    private string ResolveName(string name)
    {
        if (_variables is null || _variables.HasOwnProperty(name)) return name;
        foreach (var key in _variables.GetOwnPropertyKeys(Types.String))
            if (string.Equals(key.AsString(), name, StringComparison.OrdinalIgnoreCase)) return key.AsString();
        return name;
    }

    private void BindVariables(JintEngine engine, IScriptScope scope)
    {
        var obj = new JsObject(engine);
        _snapshot.Clear();
        foreach (var (name, value) in scope.Variables)
        {
            var js = JsonJsConverter.ToJs(engine, value);
            _snapshot[name] = js;
            obj.FastSetDataProperty(name, js);
        }
        _variables = obj;
        engine.Global.FastSetProperty("variables", new PropertyDescriptor(obj, PropertyFlag.Configurable));
    }

    /// <summary>Writes back variables the script assigned (a new value) or may have mutated (objects and arrays).</summary>
    private void WriteBackVariables(IScriptScope scope)
    {
        if (_variables is null) return;
        foreach (var (key, descriptor) in _variables.GetOwnProperties().ToList())
        {
            if (!key.IsString()) continue;
            var name = key.AsString();
            var value = descriptor.Value ?? JsValue.Undefined;
            if (_snapshot.TryGetValue(name, out var before) && ReferenceEquals(before, value) && !value.IsObject()) continue;
            var json = JsonJsConverter.ToJson(value, _budget);
            if (_snapshot.ContainsKey(name) && JsonNode.DeepEquals(json, scope.Variables[name])) continue;
            scope.SetVariable(name, json);
        }
    }

    private static readonly Lazy<TimeZoneInfo> ChinaTimeZone = new(() =>
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    });
}
