using Jint.Parser;
using Jint.Parser.Ast;

namespace Certification.Workflows.Engine.Expressions;

/// <summary>
/// A JavaScript source checked and parsed once. Parsing happens at compile time (so a definition's
/// scripts are validated and parsed when it is compiled); the instrumented syntax tree is reused
/// per thread, or re-parsed per evaluation when the script contains a regular-expression literal
/// (Jint 2.10 caches regex objects on the tree, which would tie them to one engine).
/// </summary>
public sealed class CompiledScript
{
    internal CompiledScript(string source, string? error, bool shareable, bool wrapAsFunction)
    {
        Source = source;
        Error = error;
        _shareable = shareable;
        _wrapAsFunction = wrapAsFunction;
    }

    public string Source { get; }

    /// <summary>Why the script cannot run (syntax error or rejected by the sandbox), or null.</summary>
    public string? Error { get; }

    private readonly bool _shareable;
    private readonly bool _wrapAsFunction;

    [ThreadStatic] private static Dictionary<CompiledScript, Program>? _perThread;

    internal Program GetProgram(ScriptLimits limits)
    {
        if (Error is not null) throw new ScriptException(ScriptErrorKind.Syntax, Error);
        if (!_shareable) return ScriptCompiler.ParseInstrumented(Source, _wrapAsFunction, limits);
        var cache = _perThread ??= new Dictionary<CompiledScript, Program>(ReferenceEqualityComparer.Instance);
        if (cache.TryGetValue(this, out var program)) return program;
        if (cache.Count > 4096) cache.Clear();
        program = ScriptCompiler.ParseInstrumented(Source, _wrapAsFunction, limits);
        cache[this] = program;
        return program;
    }
}

/// <summary>Parses and instruments JavaScript for the sandbox.</summary>
public static class ScriptCompiler
{
    /// <summary>
    /// The guard every statement, loop body and function body calls: it checks time, memory and
    /// native stack. Scripts may not mention it.
    /// </summary>
    internal const string GuardName = "__certGuard_9c1e__";

    private static readonly string GuardSource = GuardName + "(this);";

    /// <summary>Checks and parses a script; never throws (errors are in <see cref="CompiledScript.Error"/>).</summary>
    public static CompiledScript Compile(string source, ScriptLimits? limits = null)
    {
        limits ??= ScriptLimits.Default;
        var rejected = Precheck(source, limits);
        if (rejected is not null) return new CompiledScript(source, rejected, false, false);

        var wrap = false;
        string? error = null;
        try
        {
            ParseInstrumented(source, false, limits);
        }
        catch (ScriptException ex) when (ex.Kind == ScriptErrorKind.Syntax && source.Contains("return", StringComparison.Ordinal))
        {
            // Allow a top-level `return` (function-body style scripts).
            try
            {
                ParseInstrumented(source, true, limits);
                wrap = true;
            }
            catch (ScriptException)
            {
                error = ex.Message;
            }
        }
        catch (ScriptException ex)
        {
            error = ex.Message;
        }
        // A '/' may start a regular-expression literal: such trees are not shared (see CompiledScript).
        return new CompiledScript(source, error, error is null && !source.Contains('/'), wrap);
    }

    private static string? Precheck(string source, ScriptLimits limits)
    {
        if (source.Length > limits.MaxScriptLength)
            return $"脚本过长（{source.Length} 个字符，上限 {limits.MaxScriptLength}）。";
        if (source.Contains("__certGuard", StringComparison.Ordinal))
            return "脚本使用了保留的标识符。";
        // Bound the parser's recursion: brackets nested too deeply are refused before parsing.
        int depth = 0, max = 0;
        foreach (var c in source)
        {
            if (c is '(' or '[' or '{') max = Math.Max(max, ++depth);
            else if (c is ')' or ']' or '}') depth--;
        }
        return max > limits.MaxNestingDepth * 2 ? $"脚本括号嵌套过深（{max} 层）。" : null;
    }

    internal static Program ParseInstrumented(string source, bool wrapAsFunction, ScriptLimits limits)
    {
        var text = wrapAsFunction ? "(function(){\n" + source + "\n}).call(this)" : source;
        Program program;
        Program guardProgram;
        try
        {
            program = new JavaScriptParser().Parse(text);
            guardProgram = new JavaScriptParser().Parse(GuardSource);
        }
        catch (ParserException ex)
        {
            var line = wrapAsFunction ? Math.Max(1, ex.LineNumber - 1) : ex.LineNumber;
            throw new ScriptException(ScriptErrorKind.Syntax, $"脚本语法错误（第 {line} 行）：{ex.Description ?? ex.Message}", ex);
        }
        new Instrumenter((Statement)guardProgram.Body.First(), limits.MaxNestingDepth * 3).Run(program);
        return program;
    }

    /// <summary>
    /// Inserts a guard call before every statement of every statement list, and makes every loop
    /// body and branch a block that starts with one; function bodies are statement lists, so each
    /// call starts with a guard too. Refuses syntax trees deeper than a limit (the interpreter
    /// recurses over them).
    /// </summary>
    private sealed class Instrumenter(Statement guard, int maxDepth)
    {
        private int _depth;

        public void Run(Program program) => program.Body = List(program.Body);

        private List<Statement> List(IEnumerable<Statement> statements)
        {
            var result = new List<Statement>();
            foreach (var s in statements)
            {
                result.Add(guard);
                result.Add(Visit(s));
            }
            return result;
        }

        private Statement Wrap(Statement s)
        {
            var visited = Visit(s);
            return new BlockStatement
            {
                Type = SyntaxNodes.BlockStatement,
                Body = [guard, visited],
                Location = visited.Location,
                Range = visited.Range,
            };
        }

        private void Enter()
        {
            if (++_depth > maxDepth)
                throw new ScriptException(ScriptErrorKind.Rejected, "脚本结构嵌套过深。");
        }

        private Statement Visit(Statement s)
        {
            Enter();
            try
            {
                switch (s)
                {
                    case BlockStatement b: b.Body = List(b.Body); break;
                    case ExpressionStatement e: Expr(e.Expression); break;
                    case VariableDeclaration v:
                        foreach (var d in v.Declarations) Expr(d.Init);
                        break;
                    case IfStatement i:
                        Expr(i.Test);
                        i.Consequent = Wrap(i.Consequent);
                        if (i.Alternate is not null) i.Alternate = Wrap(i.Alternate);
                        break;
                    case WhileStatement w: Expr(w.Test); w.Body = Wrap(w.Body); break;
                    case DoWhileStatement d: Expr(d.Test); d.Body = Wrap(d.Body); break;
                    case ForStatement f:
                        if (f.Init is Statement initStatement) Visit(initStatement);
                        else if (f.Init is Expression initExpression) Expr(initExpression);
                        Expr(f.Test);
                        Expr(f.Update);
                        f.Body = Wrap(f.Body);
                        break;
                    case ForInStatement fi:
                        if (fi.Left is Statement leftStatement) Visit(leftStatement);
                        Expr(fi.Right);
                        fi.Body = Wrap(fi.Body);
                        break;
                    case LabelledStatement l: l.Body = Visit(l.Body); break; // the label must stay on the loop
                    case SwitchStatement sw:
                        Expr(sw.Discriminant);
                        foreach (var c in sw.Cases)
                        {
                            Expr(c.Test);
                            c.Consequent = List(c.Consequent);
                        }
                        break;
                    case TryStatement t:
                        Visit(t.Block);
                        foreach (var h in t.Handlers) Visit(h.Body);
                        if (t.Finalizer is not null) Visit(t.Finalizer);
                        break;
                    case WithStatement w: Expr(w.Object); w.Body = Wrap(w.Body); break;
                    case FunctionDeclaration fd: Visit(fd.Body); break;
                    case ReturnStatement r: Expr(r.Argument); break;
                    case ThrowStatement th: Expr(th.Argument); break;
                }
                return s;
            }
            finally
            {
                _depth--;
            }
        }

        private void Expr(Expression? e)
        {
            if (e is null) return;
            Enter();
            try
            {
                switch (e)
                {
                    case FunctionExpression f: Visit(f.Body); break;
                    case ArrayExpression a:
                        foreach (var x in a.Elements) Expr(x);
                        break;
                    case AssignmentExpression a: Expr(a.Left); Expr(a.Right); break;
                    case BinaryExpression b: Expr(b.Left); Expr(b.Right); break;
                    case LogicalExpression l: Expr(l.Left); Expr(l.Right); break;
                    case CallExpression c:
                        Expr(c.Callee);
                        foreach (var x in c.Arguments) Expr(x);
                        break;
                    case NewExpression n:
                        Expr(n.Callee);
                        foreach (var x in n.Arguments) Expr(x);
                        break;
                    case ConditionalExpression c: Expr(c.Test); Expr(c.Consequent); Expr(c.Alternate); break;
                    case MemberExpression m: Expr(m.Object); Expr(m.Property); break;
                    case ObjectExpression o:
                        foreach (var p in o.Properties) Expr(p.Value);
                        break;
                    case SequenceExpression sq:
                        foreach (var x in sq.Expressions) Expr(x);
                        break;
                    case UnaryExpression u: Expr(u.Argument); break;
                    case VariableDeclarator d: Expr(d.Init); break;
                }
            }
            finally
            {
                _depth--;
            }
        }
    }
}
