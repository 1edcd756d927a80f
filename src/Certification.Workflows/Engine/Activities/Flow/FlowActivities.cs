using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Expressions;

namespace Certification.Workflows.Engine.Activities;

[Activity("Elsa.Start", DisplayName = "开始", Category = "流程", Description = "流程图的入口。")]
[ActivityOutcomes("Done")]
public sealed class StartActivity : IActivity
{
    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}

[Activity("Elsa.End", DisplayName = "结束路径", Category = "流程", Description = "结束当前路径；没有其他活动和书签时实例结束。")]
[ActivityOutcomes]
public sealed class EndActivity : IActivity
{
    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.EndPath();
        return ValueTask.CompletedTask;
    }
}

[Activity("Elsa.Finish", DisplayName = "结束实例", Category = "流程", Description = "立即结束整个实例，并清除所有书签。")]
[ActivityOutcomes]
public sealed class FinishActivity : IActivity
{
    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.FinishInstance();
        return ValueTask.CompletedTask;
    }
}

[Activity("Elsa.FlowDecision", DisplayName = "条件判断", Category = "流程", Description = "按条件走 True 或 False。")]
[ActivityInput("condition", "Boolean", Required = true, Description = "条件表达式")]
[ActivityOutcomes("True", "False")]
public sealed class FlowDecisionActivity : IActivity
{
    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete(context.GetInput<bool>("condition") ? "True" : "False");
        return ValueTask.CompletedTask;
    }
}

/// <summary>One case of a switch: a label (its port) and a Boolean condition.</summary>
public sealed record SwitchCase(string Label, InputValue Condition);

[Activity("Elsa.FlowSwitch", DisplayName = "多路分支", Category = "流程",
    Description = "按各分支条件选择端口：MatchFirst 取第一个为真的分支，MatchAny 取所有为真的分支；都不为真时走 Default。")]
[ActivityInput("cases", "Object", Description = "[{label, condition}]")]
[ActivityInput("mode", "String", Default = "MatchFirst", Options = "MatchFirst,MatchAny")]
[ActivityOutcomes("Default")]
public sealed class FlowSwitchActivity : IActivity, IDynamicOutcomes, ICompilingActivity
{
    public const string DefaultOutcome = "Default";

    public IReadOnlyList<string>? GetOutcomes(ActivityDefinition activity) =>
        ReadCases(activity).Select(c => c.Label).Append(DefaultOutcome).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Reads <c>cases</c>: a plain array (as Elsa writes it), or a wrapped Literal/Object holding the array or its JSON text.</summary>
    public static IReadOnlyList<SwitchCase> ReadCases(ActivityDefinition activity)
    {
        var input = activity.GetInput("cases");
        if (input is null || input.Value is null) return [];
        var node = input.Value;
        if (node is JsonValue && node.AsString() is { } text)
        {
            try { node = JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { return []; }
        }
        if (node is not JsonArray array) return [];
        var cases = new List<SwitchCase>();
        foreach (var item in array.OfType<JsonObject>())
        {
            var label = item.GetString("label");
            if (string.IsNullOrEmpty(label)) continue;
            var condition = item["condition"];
            // A bare string condition is a script (Elsa's default language); booleans are literals.
            var value = condition is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? new InputValue(null, ExpressionTypes.JavaScript, JsonValue.Create(v.GetValue<string>()), false)
                : InputValue.From(condition);
            cases.Add(new SwitchCase(label, value));
        }
        return cases;
    }

    public object? Compile(ActivityDefinition activity, ScriptLimits limits, ICollection<string> problems)
    {
        var compiled = new List<(string Label, CompiledInput Condition)>();
        var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in ReadCases(activity))
        {
            var path = $"cases[{c.Label}].condition";
            if (!labels.Add(c.Label)) problems.Add($"分支标签 '{c.Label}' 重复。");
            if (c.Label.Equals(DefaultOutcome, StringComparison.OrdinalIgnoreCase)) problems.Add($"分支标签不能是 '{DefaultOutcome}'（保留给默认端口）。");
            // Wrapped conditions are checked with every other expression by the validator; bare strings are not.
            if (!ExpressionTypes.IsSupported(c.Condition.ExpressionType)) continue;
            try
            {
                var input = CompiledWorkflow.CompileInput(path, ValueKind.Boolean, c.Condition, limits);
                if (input.Script?.Error is { } error && !c.Condition.Wrapped) problems.Add($"输入 '{path}' 的脚本无法解析：{error}");
                compiled.Add((c.Label, input));
            }
            catch (Exception ex) when (ex is ValueConversionException or System.Text.Json.JsonException)
            {
                problems.Add($"输入 '{path}' 无效：{ex.Message}");
            }
        }
        return compiled;
    }

    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matchAny = string.Equals(context.GetInput<string>("mode"), "MatchAny", StringComparison.OrdinalIgnoreCase);
        var matched = new List<string>();
        foreach (var (label, condition) in (List<(string, CompiledInput)>)context.Activity.Compiled!)
        {
            if (context.Evaluate(condition) is { } result && ValueConverter.ToBoolean(result))
            {
                matched.Add(label);
                if (!matchAny) break;
            }
        }
        context.Complete(matched.Count > 0 ? matched : [DefaultOutcome]);
        return ValueTask.CompletedTask;
    }
}

[Activity("Elsa.FlowFork", DisplayName = "并行分叉", Category = "流程", Description = "同时走所有分支（每个分支一个端口）。")]
[ActivityInput("branches", "String[]", Required = true, Description = "分支名称：数组或逗号分隔的字符串")]
public sealed class FlowForkActivity : IActivity, IDynamicOutcomes
{
    public IReadOnlyList<string>? GetOutcomes(ActivityDefinition activity)
    {
        var input = activity.GetInput("branches");
        if (input is null || input.Value is null) return [];
        if (!input.IsLiteral && input.ExpressionType != ExpressionTypes.Object) return null; // computed at run time
        try
        {
            return ValueConverter.ToStringList(input.Value);
        }
        catch (ValueConversionException)
        {
            return [];
        }
    }

    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete(context.GetInput<IReadOnlyList<string>>("branches") ?? []);
        return ValueTask.CompletedTask;
    }
}

[Activity("Elsa.FlowJoin", DisplayName = "汇聚", Category = "流程",
    Description = "WaitAny：第一个到达的分支继续，本轮其余到达被忽略；WaitAll：等待所有仍可能到达的入口连接。")]
[ActivityInput("mode", "String", Default = "WaitAny", Options = "WaitAny,WaitAll")]
[ActivityOutcomes("Done")]
public sealed class FlowJoinActivity : IActivity, IJoinActivity
{
    public JoinMode GetMode(ActivityDefinition activity)
    {
        var mode = activity.GetInput("mode")?.Value.AsString();
        return string.Equals(mode, "WaitAll", StringComparison.OrdinalIgnoreCase) ? JoinMode.WaitAll : JoinMode.WaitAny;
    }

    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}

[Activity("Elsa.SetVariable", DisplayName = "设置变量", Category = "基础")]
[ActivityInput("variable", "Object", Required = true, Description = "变量（名称，或 {id, name}）")]
[ActivityInput("value", "Object", Description = "值（按变量声明的类型转换）")]
[ActivityOutcomes("Done")]
public sealed class SetVariableActivity : IActivity, ICompilingActivity
{
    public object? Compile(ActivityDefinition activity, ScriptLimits limits, ICollection<string> problems) =>
        ActivityInputs.VariableReference(activity.GetInput("variable")?.Value);

    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var reference = context.Activity.Compiled as string ?? throw new ActivityInputException("variable", "未指定变量。");
        var value = context.GetInputNode("value");
        try
        {
            context.SetVariable(reference, value);
        }
        catch (ValueConversionException ex)
        {
            throw new ActivityInputException("value", $"无法写入变量 '{reference}'：{ex.Message}", ex);
        }
        context.JournalMessage = $"变量 {reference} = {ValueConverter.Shorten(value?.ToJsonString() ?? "null")}";
        context.Complete();
        return ValueTask.CompletedTask;
    }
}

[Activity("Elsa.Delay", DisplayName = "延时", Category = "定时", Kind = ActivityKind.Blocking,
    Description = "等待一段时间（持久化定时器）。零或负的时长立即继续。")]
[ActivityInput("timeSpan", "TimeSpan", Required = true, Description = "\"00:05:00\"、ISO 8601 \"P5D\"，或脚本")]
[ActivityOutcomes("Done")]
public sealed class DelayActivity : IActivity
{
    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var span = context.GetInput<TimeSpan>("timeSpan");
        if (span <= TimeSpan.Zero) context.Complete();
        else context.CreateTimer(context.Now + span);
        return ValueTask.CompletedTask;
    }
}

[Activity("Elsa.StartAt", DisplayName = "定时开始", Category = "定时", Kind = ActivityKind.Blocking,
    Description = "等到指定时刻（持久化定时器）。时刻已过则立即继续。")]
[ActivityInput("dateTime", "DateTimeOffset", Required = true, Description = "ISO 8601 时刻（无时区视为 UTC）")]
[ActivityOutcomes("Done")]
public sealed class StartAtActivity : IActivity
{
    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var at = context.GetInput<DateTimeOffset>("dateTime");
        if (at <= context.Now) context.Complete();
        else context.CreateTimer(at);
        return ValueTask.CompletedTask;
    }
}

[Activity("Elsa.Event", DisplayName = "等待事件", Category = "事件", Kind = ActivityKind.Blocking,
    Description = "等待指定名称的事件；事件负载写入输出 result（可绑定到变量）。")]
[ActivityInput("eventName", "String", Required = true)]
[ActivityOutput("result", "Object", Description = "事件负载")]
[ActivityOutcomes("Done")]
public sealed class EventActivity : IActivity
{
    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = context.GetInput<string>("eventName");
        if (string.IsNullOrWhiteSpace(name)) throw new ActivityInputException("eventName", "事件名称为空。");
        context.CreateEvent(name);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        context.SetOutput("result", context.Resumption!.Payload ?? new JsonObject());
        context.Complete();
        return ValueTask.CompletedTask;
    }
}

[Activity("Elsa.PublishEvent", DisplayName = "发布事件", Category = "事件",
    Description = "发布事件：作为效果交给宿主（投递给其他实例，isLocal 为真时不投递）；同时立即投递给本实例中正在等待该事件的 Elsa.Event。")]
[ActivityInput("eventName", "String", Required = true)]
[ActivityInput("payload", "Object")]
[ActivityInput("isLocal", "Boolean", Default = false, Description = "只投递给本实例")]
[ActivityOutcomes("Done")]
public sealed class PublishEventActivity : IActivity
{
    public const string EffectType = "PublishEvent";

    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = context.GetInput<string>("eventName");
        if (string.IsNullOrWhiteSpace(name)) throw new ActivityInputException("eventName", "事件名称为空。");
        var payload = context.GetInputNode("payload") switch
        {
            JsonObject o => o,
            null => new JsonObject(),
            var other => new JsonObject { ["value"] = other },
        };
        var local = context.GetInput<bool>("isLocal");
        context.Emit(EffectType, new JsonObject
        {
            ["eventName"] = name,
            ["payload"] = payload.DeepClone(),
            ["isLocal"] = local,
            ["sourceInstanceId"] = context.InstanceId,
        });
        context.DeliverLocally(name, payload);
        context.JournalMessage = $"发布事件 {name}";
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
