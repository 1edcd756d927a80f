using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Expressions;

namespace Certification.Workflows.Tests.Engine.Expressions;

/// <summary>What a script sees of an instance, in memory, with a fixed clock.</summary>
internal sealed class TestScope : IScriptScope
{
    public JsonObject Variables { get; } = new();
    public JsonObject Input { get; init; } = new();
    public DateTimeOffset Now { get; init; } = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    public void SetVariable(string name, JsonNode? value) => Variables[name] = value;
}

internal static class Scripts
{
    // A generous deadline, so that the limit under test (not the clock of a busy test machine) stops the script.
    public static readonly ScriptLimits Limits = ScriptLimits.Default with { Timeout = TimeSpan.FromSeconds(20) };

    public static JsonNode? Eval(string source, TestScope? scope = null, ScriptLimits? limits = null) =>
        new ScriptEvaluator(limits ?? Limits).Evaluate(ScriptCompiler.Compile(source), scope ?? new TestScope());
}
