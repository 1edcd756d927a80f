using System.Diagnostics;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Expressions;
using static Certification.Workflows.Tests.Engine.Expressions.Scripts;

namespace Certification.Workflows.Tests.Engine.Expressions;

public class ScriptEvaluatorTests
{
    [Fact]
    public void Reads_and_writes_variables_and_reads_input()
    {
        var scope = new TestScope { Input = new JsonObject { ["tier"] = "specialized" } };
        scope.Variables["Score"] = 70;
        scope.Variables["Profile"] = new JsonObject { ["name"] = "示例" };

        var result = new ScriptEvaluator().Evaluate(ScriptCompiler.Compile(
            "variables.Score = variables.Score + 5; setVariable('Flag', getInput('tier') == 'specialized'); variables.Profile.city = '杭州'; getVariable('score')"),
            scope);

        result!.GetValue<long>().Should().Be(75);
        scope.Variables["Score"]!.GetValue<long>().Should().Be(75);
        scope.Variables["Flag"]!.GetValue<bool>().Should().BeTrue();
        scope.Variables["Profile"]!["city"]!.GetValue<string>().Should().Be("杭州");
    }

    [Fact]
    public void Allows_a_top_level_return()
    {
        Eval("if (1 > 2) { return 'a'; } return 'b';")!.GetValue<string>().Should().Be("b");
    }

    [Fact]
    public void Decimal_results_are_exact()
    {
        var node = new ScriptEvaluator().Evaluate(ScriptCompiler.Compile("0.1 + 0.2"), new TestScope(), ValueKind.Decimal);
        node!.GetValue<decimal>().Should().Be(0.30000000000000004m);
        new ScriptEvaluator().Evaluate(ScriptCompiler.Compile("0.2"), new TestScope(), ValueKind.Decimal)!.GetValue<decimal>().Should().Be(0.2m);
    }

    [Theory]
    [InlineData("while(true){}", ScriptErrorKind.StatementLimit)]
    [InlineData("for(;;){ try { } catch (e) {} }", ScriptErrorKind.StatementLimit)]
    [InlineData("function f(n){ return f(n+1); } f(0)", ScriptErrorKind.RecursionLimit)]
    [InlineData("var s = 'x'; while (true) { s += s; }", ScriptErrorKind.MemoryLimit)]
    [InlineData("new Array(1e9).join('x')", ScriptErrorKind.MemoryLimit)]
    [InlineData("Array.apply(null, { length: 1e8 })", ScriptErrorKind.MemoryLimit)]
    [InlineData("var x = [1]; for (var i = 0; i < 40; i++) x = [x, x]; JSON.stringify(x)", ScriptErrorKind.MemoryLimit)]
    [InlineData("var x = [1]; for (var i = 0; i < 40; i++) x = [x, x]; String(x)", ScriptErrorKind.MemoryLimit)]
    [InlineData("var s = 'aaaaaaaaaa'; for (var i = 0; i < 10; i++) s = s + s; s.replace(/a/g, s + s + s)", ScriptErrorKind.MemoryLimit)]
    public void Runaway_scripts_are_stopped_with_a_clear_error(string source, ScriptErrorKind kind)
    {
        var sw = Stopwatch.StartNew();
        var act = () => Eval(source);
        act.Should().Throw<ScriptException>().Which.Kind.Should().Be(kind);
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("/(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')")]
    [InlineData("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.match('(a+)+$')")]
    [InlineData("var i = 0; while (true) { i++; }")]
    public void Scripts_running_past_the_deadline_are_stopped(string source)
    {
        var limits = ScriptLimits.Default with { Timeout = TimeSpan.FromMilliseconds(300), MaxStatements = int.MaxValue, MaxAllocatedBytes = long.MaxValue };
        var sw = Stopwatch.StartNew();
        var act = () => Eval(source, limits: limits);
        act.Should().Throw<ScriptException>().Which.Kind.Should().Be(ScriptErrorKind.Timeout);
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Recursion_through_getters_is_stopped_before_the_native_stack_overflows()
    {
        // Getter calls bypass Jint's call-depth limit; the guard's stack check or the statement limit
        // stops them, whichever comes first on this thread's stack size.
        var act = () => Eval("var o = { get a() { return this.a; } }; o.a");
        act.Should().Throw<ScriptException>().Which.Kind.Should().BeOneOf(ScriptErrorKind.RecursionLimit, ScriptErrorKind.StatementLimit);
    }

    [Theory]
    [InlineData("eval('1')")]
    [InlineData("(function(){}).constructor('return 1')()")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System')")]
    public void No_code_from_strings_and_no_clr(string source)
    {
        var act = () => Eval(source);
        act.Should().Throw<ScriptException>().Which.Kind.Should().Be(ScriptErrorKind.Runtime);
    }

    [Fact]
    public void Syntax_errors_are_reported_at_compile_time()
    {
        var script = ScriptCompiler.Compile("var = ;");
        script.Error.Should().Contain("语法错误").And.Contain("第 1 行");
    }

    [Fact]
    public void Cyclic_arrays_join_as_empty()
    {
        Eval("var a = [1, 2]; a.push(a); a.join('-')")!.GetValue<string>().Should().Be("1-2-");
    }

    [Fact]
    public void Ordinary_scripts_work()
    {
        Eval("[3,1,2].sort().map(function(x){ return x * 2; }).join(',')")!.GetValue<string>().Should().Be("2,4,6");
        Eval("JSON.stringify(JSON.parse('{\"a\":[1,2]}'))")!.GetValue<string>().Should().Be("{\"a\":[1,2]}");
        Eval("'a-b-c'.split('-').length")!.GetValue<long>().Should().Be(3);
        Eval("'abc'.replace(/b/g, 'x')")!.GetValue<string>().Should().Be("axc");
        Eval("now().getFullYear()")!.GetValue<long>().Should().Be(2026);
        Eval("var s = 0; for (var i = 0; i < 1000; i++) { s += i; } s")!.GetValue<long>().Should().Be(499500);
    }
}
