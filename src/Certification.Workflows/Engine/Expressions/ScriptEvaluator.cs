using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Definitions;
using JintEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
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
/// reused for the rest of the step (engines are not shared between steps or instances, so nothing a
/// script does leaks elsewhere). Globals: <c>variables</c> (read and write; writes persist),
/// <c>getVariable(name)</c>, <c>setVariable(name, value)</c>, <c>getInput(name?)</c>, <c>now()</c>, <c>JSON</c>.
/// Not thread-safe: one per step.
/// </summary>
public sealed class ScriptEvaluator(ScriptLimits? limits = null)
{
    private readonly ScriptBudget _budget = new(limits ?? ScriptLimits.Default);
    private JintEngine? _engine;
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
        var program = script.GetProgram(_budget.Limits);
        var engine = _engine ??= CreateEngine();
        _scope = scope;
        try
        {
            BindVariables(engine, scope);
            _budget.Start();
            engine.Execute(program);
            var result = convert(engine.GetCompletionValue());
            WriteBackVariables(scope);
            return result;
        }
        catch (ScriptException)
        {
            throw;
        }
        catch (JavaScriptException ex)
        {
            var line = ex.LineNumber > 0 ? $"（第 {ex.LineNumber} 行）" : "";
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

    private static string ErrorText(JavaScriptException ex)
    {
        try
        {
            if (ex.Error.IsObject())
            {
                var message = ex.Error.AsObject().Get("message");
                if (message.IsString()) return message.AsString();
            }
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
        var engine = new JintEngine(o => o
            .TimeoutInterval(limits.Timeout)
            .MaxStatements(limits.MaxStatements)
            .LimitRecursion(limits.MaxRecursionDepth)
            .Culture(System.Globalization.CultureInfo.InvariantCulture)
            .LocalTimeZone(ChinaTimeZone.Value));
        ScriptSandbox.Harden(engine, _budget);
        var global = engine.Global;

        void Define(string name, Func<JsValue, JsValue[], JsValue> fn, int length) =>
            global.FastAddProperty(name, new ClrFunctionInstance(engine, fn, length), false, false, false);

        Define(ScriptCompiler.GuardName, (thisObj, args) => ScriptSandbox.Guard(_budget, args.Length > 0 ? args[0] : thisObj), 1);
        Define("getVariable", (_, args) =>
        {
            var name = args.Length > 0 ? TypeConverter.ToString(args[0]) : "";
            return _variables is null ? JsValue.Undefined : _variables.Get(ResolveName(name));
        }, 1);
        Define("setVariable", (_, args) =>
        {
            var name = args.Length > 0 ? TypeConverter.ToString(args[0]) : "";
            var value = args.Length > 1 ? args[1] : JsValue.Undefined;
            _variables?.Put(ResolveName(name), value, false);
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
        Define("now", (_, _) => engine.Date.Construct((_scope?.Now ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds()), 0);
        return engine;
    }

    private string ResolveName(string name)
    {
        if (_variables is null || _variables.HasOwnProperty(name)) return name;
        foreach (var (key, _) in _variables.GetOwnProperties())
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return key;
        return name;
    }

    private void BindVariables(JintEngine engine, IScriptScope scope)
    {
        var obj = engine.Object.Construct(Arguments.Empty);
        _snapshot.Clear();
        foreach (var (name, value) in scope.Variables)
        {
            var js = JsonJsConverter.ToJs(engine, value);
            _snapshot[name] = js;
            obj.FastAddProperty(name, js, true, true, true);
        }
        _variables = obj;
        engine.Global.FastSetProperty("variables", new Jint.Runtime.Descriptors.PropertyDescriptor(obj, false, false, true));
    }

    /// <summary>Writes back variables the script assigned (a new value) or may have mutated (objects and arrays).</summary>
    private void WriteBackVariables(IScriptScope scope)
    {
        if (_variables is null) return;
        foreach (var (name, descriptor) in _variables.GetOwnProperties().ToList())
        {
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
