using System.Diagnostics;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Expressions;
using static Certification.Workflows.Tests.Engine.Expressions.Scripts;

namespace Certification.Workflows.Tests.Engine.Expressions;

/// <summary>What Jint 4 changed at the edges of the expression contract: newer syntax, strict mode, the clock, the sandbox.</summary>
public class ModernScriptTests
{
    [Theory]
    [InlineData("[1, 2, 3].map(x => x * 2).join(',')", "2,4,6")]
    [InlineData("const tier = 'specialized'; `tier: ${tier}`", "tier: specialized")]
    [InlineData("let { a, b = 2 } = { a: 1 }; [a, b].join('+')", "1+2")]
    [InlineData("const xs = [1, 2]; [...xs, 3].length.toString()", "3")]
    [InlineData("const o = { p: null }; o.p?.q ?? 'none'", "none")]
    [InlineData("class Score { constructor(v) { this.v = v; } twice() { return this.v * 2; } } String(new Score(21).twice())", "42")]
    [InlineData("String(2 ** 10)", "1024")]
    [InlineData("[1, 2, 3].includes(2) ? 'yes' : 'no'", "yes")]
    [InlineData("function* g() { yield 'a'; yield 'b'; } [...g()].join('')", "ab")]
    [InlineData("Object.entries({ x: 1, y: 2 }).map(([k, v]) => k + v).join()", "x1,y2")]
    public void ES2015_and_later_syntax_is_accepted(string source, string expected)
    {
        ScriptCompiler.Compile(source).Error.Should().BeNull();
        Eval(source)!.GetValue<string>().Should().Be(expected);
    }

    [Fact]
    public void Arrow_functions_read_and_write_variables()
    {
        var scope = new TestScope();
        scope.Variables["Scores"] = new JsonArray(60, 85, 92);
        Eval("variables.Passed = variables.Scores.filter(s => s >= 80).length; variables.Passed", scope)!.GetValue<long>().Should().Be(2);
        scope.Variables["Passed"]!.GetValue<long>().Should().Be(2);
    }

    [Theory]
    [InlineData("async function f() { return 1; } f()", "异步函数")]
    [InlineData("const f = async () => 1; f()", "异步函数")]
    [InlineData("import('fs')", "模块导入")]
    [InlineData("debugger; 1", "debugger")]
    public void Constructs_the_sandbox_does_not_run_are_refused_when_compiled_with_their_position(string source, string what)
    {
        var script = ScriptCompiler.Compile(source);
        script.Error.Should().Contain(what).And.Contain("第 1 行");
        var act = () => Eval(source);
        act.Should().Throw<ScriptException>().Which.Kind.Should().Be(ScriptErrorKind.Syntax);
    }

    [Fact]
    public void Syntax_errors_name_line_and_column()
    {
        ScriptCompiler.Compile("var a = 1;\nvar = ;").Error.Should().Contain("语法错误").And.Contain("第 2 行第 5 列");
    }

    [Theory]
    [InlineData("with ({ a: 1 }) { a }")]
    [InlineData("var n = 010;")]
    public void Scripts_are_strict_mode(string source)
    {
        ScriptCompiler.Compile(source).Error.Should().Contain("语法错误");
    }

    [Fact]
    public void Assigning_an_undeclared_name_is_an_error_not_a_new_global()
    {
        var act = () => Eval("Score = 5");
        act.Should().Throw<ScriptException>().Which.Should().Match<ScriptException>(e => e.Kind == ScriptErrorKind.Runtime && e.Message.Contains("Score"));
    }

    [Theory]
    [InlineData("now().toISOString()")]
    [InlineData("new Date().toISOString()")]
    [InlineData("new Date(Date.now()).toISOString()")]
    [InlineData("new Date(Temporal.Now.instant().epochMilliseconds).toISOString()")]
    public void Every_clock_a_script_can_read_is_the_workflow_clock(string source)
    {
        var scope = new TestScope { Now = new DateTimeOffset(2030, 5, 6, 15, 8, 9, TimeSpan.FromHours(8)) };
        Eval(source, scope)!.GetValue<string>().Should().Be("2030-05-06T07:08:09.000Z");
    }

    [Fact]
    public void Local_dates_are_china_time()
    {
        Eval("new Date(2026, 0, 1).toISOString()")!.GetValue<string>().Should().Be("2025-12-31T16:00:00.000Z");
    }

    [Theory]
    [InlineData("ArrayBuffer")]
    [InlineData("SharedArrayBuffer")]
    [InlineData("Uint8Array")]
    [InlineData("Atomics")]
    [InlineData("WeakRef")]
    [InlineData("ShadowRealm")]
    public void Binary_buffers_weak_references_and_realms_are_not_available(string name)
    {
        Eval($"typeof {name}")!.GetValue<string>().Should().Be("undefined");
    }

    [Theory]
    [InlineData("(function*(){}).constructor('return 1')")]
    [InlineData("Reflect.construct(Function, ['return 1'])")]
    [InlineData("globalThis.constructor.constructor('return 1')()")]
    [InlineData("new Function('return 1')()")]
    public void No_code_from_strings_by_any_route(string source)
    {
        var act = () => Eval(source);
        act.Should().Throw<ScriptException>().Which.Kind.Should().Be(ScriptErrorKind.Runtime);
    }

    [Theory]
    [InlineData("'x'.repeat(1e9).length")]
    [InlineData("'x'.padStart(1e9).length")]
    [InlineData("'abc'.replaceAll('b', 'x'.repeat(3e6)).length")]
    [InlineData("var a = []; a.length = 1e9; a.toSorted().length")]
    [InlineData("var a = []; a.length = 1e9; a.with(0, 1).length")]
    [InlineData("[...Array(1e6)].length")]
    [InlineData("Array.prototype.concat.apply([], new Array(50000).fill(new Array(50000).fill(1))).length")]
    [InlineData("var x = [1]; for (let i = 0; i < 40; i++) x = [x, x]; x.flat(Infinity).length")]
    [InlineData("var x = [1]; for (let i = 0; i < 40; i++) x = [x, x]; `${x}`.length")]
    [InlineData("try { 'x'.repeat(1e9) } catch (e) { 'caught' }")]
    [InlineData("try { new Array(1e6) } catch (e) { 'caught' }")]
    public void Newer_built_ins_cannot_run_away_and_the_limit_cannot_be_caught(string source)
    {
        var sw = Stopwatch.StartNew();
        var act = () => Eval(source);
        act.Should().Throw<ScriptException>().Which.Kind.Should().Be(ScriptErrorKind.MemoryLimit);
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Arrays_longer_than_the_limit_are_refused_naming_the_length()
    {
        var act = () => Eval("new Array(200000).length");
        act.Should().Throw<ScriptException>().Which.Message.Should().Contain("数组长度").And.Contain("200000");
        Eval("new Array(100000).fill(1).length")!.GetValue<long>().Should().Be(100_000);
    }

    [Fact]
    public void Deep_prototype_chains_and_bind_chains_are_harmless()
    {
        Eval("Array(40000).fill(0).reduce(p => Object.create(p), {}).missing === undefined")!.GetValue<bool>().Should().BeTrue();
        var act = () => Eval("Array(50000).fill(0).reduce(f => f.bind(null), () => 1)()");
        act.Should().Throw<ScriptException>().Which.Kind.Should().Be(ScriptErrorKind.MemoryLimit);
    }

    [Fact]
    public void Recursion_outside_calls_is_stopped_too()
    {
        var act = () => Eval("var o = { valueOf() { return o + 1; } }; o + 1");
        act.Should().Throw<ScriptException>().Which.Kind.Should().Be(ScriptErrorKind.RecursionLimit);
    }

    [Theory]
    [InlineData("new Number(5)", "5")]
    [InlineData("new String('a')", "\"a\"")]
    [InlineData("12345678901234567890n", "12345678901234567890")]
    [InlineData("({ a: undefined, b: () => 1, c: [undefined, () => 1], d: new Map() })", "{\"c\":[null,null],\"d\":{}}")]
    public void Results_convert_to_json_as_JSON_stringify_would(string source, string json)
    {
        Eval(source)!.ToJsonString().Should().Be(json);
    }

    [Fact]
    public void Top_level_declarations_do_not_outlive_their_evaluation()
    {
        var evaluator = new ScriptEvaluator(Limits);
        var scope = new TestScope();
        evaluator.Evaluate(ScriptCompiler.Compile("const limit = 80; var seen = 1; limit"), scope)!.GetValue<long>().Should().Be(80);
        evaluator.Evaluate(ScriptCompiler.Compile("const limit = 60; limit"), scope)!.GetValue<long>().Should().Be(60);
        evaluator.Evaluate(ScriptCompiler.Compile("typeof seen"), scope)!.GetValue<string>().Should().Be("undefined");
    }

    [Fact]
    public void A_compiled_script_runs_on_many_threads_at_once()
    {
        var script = ScriptCompiler.Compile("const r = /^(\\d+)-(\\w+)$/.exec(getInput('code')); `${r[2]}:${Number(r[1]) * 2}`");
        var results = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(4).Select(i =>
        {
            var evaluator = new ScriptEvaluator(Limits);
            return Enumerable.Range(0, 50).Select(j =>
                evaluator.Evaluate(script, new TestScope { Input = new JsonObject { ["code"] = $"{i * 100 + j}-t{i}" } })!.GetValue<string>()).ToList();
        }).SelectMany(r => r).ToHashSet();
        results.Should().HaveCount(400).And.Contain("t3:616");
    }
}
