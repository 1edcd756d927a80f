using Acornima;
using Acornima.Ast;
using Jint;
using JintEngine = Jint.Engine;

namespace Certification.Workflows.Engine.Expressions;

/// <summary>
/// A JavaScript source checked and prepared once. Preparing (parsing to Acornima's syntax tree plus
/// Jint's static analysis) happens at compile time, so a definition's scripts are validated when it
/// is compiled; the prepared script is immutable and thread-safe, so every engine on every thread
/// runs the same one.
/// </summary>
public sealed class CompiledScript
{
    private readonly Prepared<Script> _prepared;

    internal CompiledScript(string source, string? error, Prepared<Script> prepared = default)
    {
        Source = source;
        Error = error;
        _prepared = prepared;
    }

    public string Source { get; }

    /// <summary>Why the script cannot run (syntax error or rejected by the sandbox), or null.</summary>
    public string? Error { get; }

    internal ref readonly Prepared<Script> Prepared
    {
        get
        {
            if (Error is not null) throw new ScriptException(ScriptErrorKind.Syntax, Error);
            return ref _prepared;
        }
    }
}

/// <summary>Parses, checks and prepares JavaScript for the sandbox.</summary>
public static class ScriptCompiler
{
    // Strict mode everywhere (no `with`, no implicit globals, no octal literals); a top-level `return`
    // is allowed because Elsa scripts are often written as function bodies.
    private static readonly ScriptPreparationOptions Preparation = new()
    {
        ParsingOptions = new ScriptParsingOptions { AllowReturnOutsideFunction = true },
    };

    /// <summary>Checks and prepares a script; never throws (errors are in <see cref="CompiledScript.Error"/>).</summary>
    public static CompiledScript Compile(string source, ScriptLimits? limits = null)
    {
        limits ??= ScriptLimits.Default;
        var rejected = Precheck(source, limits);
        if (rejected is not null) return new CompiledScript(source, rejected);

        Prepared<Script> prepared;
        try
        {
            prepared = JintEngine.PrepareScript(source, strict: true, options: Preparation);
        }
        catch (Exception ex) when (ex is ScriptPreparationException or ParseErrorException)
        {
            return new CompiledScript(source, SyntaxError(ex));
        }
        var forbidden = Check(prepared.Program!, limits.MaxNestingDepth * 3);
        return forbidden is not null ? new CompiledScript(source, forbidden) : new CompiledScript(source, null, prepared);
    }

    private static string? Precheck(string source, ScriptLimits limits)
    {
        if (source.Length > limits.MaxScriptLength)
            return $"脚本过长（{source.Length} 个字符，上限 {limits.MaxScriptLength}）。";
        // Bound the parser's recursion: brackets nested too deeply are refused before parsing.
        int depth = 0, max = 0;
        foreach (var c in source)
        {
            if (c is '(' or '[' or '{') max = Math.Max(max, ++depth);
            else if (c is ')' or ']' or '}') depth--;
        }
        return max > limits.MaxNestingDepth * 2 ? $"脚本括号嵌套过深（{max} 层）。" : null;
    }

    private static string SyntaxError(Exception ex)
    {
        var parse = ex as ParseErrorException ?? ex.InnerException as ParseErrorException;
        if (parse is null) return $"脚本语法错误：{ex.Message}";
        var position = parse.LineNumber > 0 ? $"（第 {parse.LineNumber} 行第 {parse.Column + 1} 列）" : "";
        return $"脚本语法错误{position}：{parse.Description}";
    }

    /// <summary>
    /// Refuses what the sandbox does not run, with its position: asynchronous code (its continuations
    /// would run after the step's result is taken), dynamic <c>import()</c> (no modules), <c>debugger</c>,
    /// and syntax trees deeper than a limit (the interpreter recurses over them).
    /// </summary>
    private static string? Check(Node root, int maxDepth)
    {
        var stack = new Stack<(Node Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > maxDepth) return "脚本结构嵌套过深。";
            var refused = node switch
            {
                IFunction { Async: true } or AwaitExpression or ForOfStatement { Await: true } => "异步函数（async/await）",
                ImportExpression => "模块导入（import）",
                DebuggerStatement => "debugger 语句",
                _ => null,
            };
            if (refused is not null)
                return $"脚本使用了工作流脚本中不可用的{refused}（第 {node.Location.Start.Line} 行第 {node.Location.Start.Column + 1} 列）。";
            foreach (var child in node.ChildNodes) stack.Push((child, depth + 1));
        }
        return null;
    }
}
