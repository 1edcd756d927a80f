using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Expressions;

namespace Certification.Workflows.Engine.Validation;

/// <summary>One problem of a definition, naming the activity (empty id for document-level problems).</summary>
public sealed record ValidationError(string ActivityId, string ActivityName, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(ActivityId) ? Message : $"[{ActivityId}] {ActivityName}：{Message}";
}

/// <summary>The definition has validation errors and cannot run.</summary>
public sealed class WorkflowValidationException(IReadOnlyList<ValidationError> errors)
    : Exception("工作流定义校验未通过：" + string.Join("；", errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}

/// <summary>
/// Checks a definition before publish (and before it runs). Rules:
/// the root is an <c>Elsa.Flowchart</c>; activities have unique ids and known types; connections
/// join existing activities and leave from ports the source declares; there is a start activity
/// and every activity is reachable from it; required inputs are present; expressions use a
/// supported language (Literal, Object, Variable, JavaScript), scripts parse, Object expressions
/// are JSON, Variable expressions name a declared variable, literals convert to the input's type.
/// <para>
/// The start activity is the first <c>Elsa.Start</c>; without one, the first activity (in
/// document order) that has no inbound connection. More than one <c>Elsa.Start</c> is an error;
/// other activities without inbound connections are reported as unreachable.
/// </para>
/// </summary>
public static class DefinitionValidator
{
    public const string FlowchartType = "Elsa.Flowchart";
    public const string StartType = "Elsa.Start";

    public static IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition, ActivityRegistry registry, ScriptLimits? limits = null)
    {
        limits ??= ScriptLimits.Default;
        var errors = new List<ValidationError>();
        var root = definition.Root;
        if (!string.Equals(root.Type, FlowchartType, StringComparison.OrdinalIgnoreCase))
            errors.Add(new(root.Id, root.Name ?? root.Type, $"根活动必须是 {FlowchartType}，实际为 '{root.Type}'。"));

        string NameOf(ActivityDefinition a) =>
            a.Name ?? a.DisplayText ?? registry.Find(a.Type)?.Descriptor.DisplayName ?? a.Type;

        // Ids and types.
        var byId = new Dictionary<string, ActivityDefinition>(StringComparer.Ordinal);
        foreach (var activity in definition.Activities)
        {
            if (string.IsNullOrWhiteSpace(activity.Id))
            {
                errors.Add(new("", NameOf(activity), "活动缺少 id。"));
                continue;
            }
            if (!byId.TryAdd(activity.Id, activity))
                errors.Add(new(activity.Id, NameOf(activity), $"活动 id '{activity.Id}' 重复。"));
            if (string.IsNullOrWhiteSpace(activity.Type))
                errors.Add(new(activity.Id, NameOf(activity), "活动缺少 type。"));
            else if (!registry.TryGet(activity.Type, out _))
                errors.Add(new(activity.Id, NameOf(activity), $"未知的活动类型 '{activity.Type}'。"));
        }

        // Connections.
        var valid = new List<ConnectionDefinition>();
        foreach (var c in definition.Connections)
        {
            var source = c.Source is null ? null : byId.GetValueOrDefault(c.Source);
            var target = c.Target is null ? null : byId.GetValueOrDefault(c.Target);
            if (source is null)
            {
                var anchor = target;
                errors.Add(new(anchor?.Id ?? c.Source ?? "", anchor is null ? "" : NameOf(anchor),
                    string.IsNullOrEmpty(c.Source)
                        ? $"连接缺少源活动（目标 '{c.Target}'）。"
                        : $"连接的源活动 '{c.Source}' 不存在（目标 '{c.Target}'）。"));
                continue;
            }
            if (target is null)
            {
                errors.Add(new(source.Id, NameOf(source),
                    string.IsNullOrEmpty(c.Target)
                        ? $"从端口 '{c.Outcome}' 出发的连接缺少目标活动。"
                        : $"连接指向不存在的活动 '{c.Target}'（来自端口 '{c.Outcome}'）。"));
                continue;
            }
            valid.Add(c);
            if (registry.TryGet(source.Type, out var registration) && registration.OutcomesOf(source) is { } outcomes
                && !outcomes.Contains(c.Outcome, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new(source.Id, NameOf(source), outcomes.Count == 0
                    ? $"活动没有输出端口，不能从端口 '{c.Outcome}' 连接到 '{target.Id}'。"
                    : $"端口 '{c.Outcome}' 不是该活动声明的结果（可用：{string.Join(", ", outcomes)}），连接到 '{target.Id}'。"));
            }
        }

        // Start and reachability.
        var starts = byId.Values.Where(a => string.Equals(a.Type, StartType, StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var extra in starts.Skip(1))
            errors.Add(new(extra.Id, NameOf(extra), $"存在多个开始活动（{StartType}），只能有一个。"));
        var start = FindStart(definition.Activities.Where(a => byId.GetValueOrDefault(a.Id) == a).ToList(), valid);
        if (start is null)
        {
            errors.Add(new(root.Id, root.Name ?? root.Type, definition.Activities.Count == 0
                ? "流程图没有任何活动。"
                : $"没有开始活动：既没有 {StartType}，也没有无入口连接的活动。"));
        }
        else
        {
            var reached = Reachable(start.Id, valid);
            foreach (var activity in byId.Values.Where(a => !reached.Contains(a.Id)))
                errors.Add(new(activity.Id, NameOf(activity), $"活动不可达：从开始活动 '{start.Id}' 出发无法到达。"));
        }

        // Inputs and expressions.
        foreach (var activity in byId.Values)
        {
            registry.TryGet(activity.Type, out var registration);
            foreach (var (path, value) in ActivityInputs.Expressions(activity))
            {
                var message = CheckExpression(definition, value, limits);
                if (message is not null) errors.Add(new(activity.Id, NameOf(activity), $"输入 '{path}' {message}"));
            }
            if (registration is null) continue;
            if (registration.Implementation is ICompilingActivity compiling)
            {
                var problems = new List<string>();
                compiling.Compile(activity, limits, problems);
                errors.AddRange(problems.Select(p => new ValidationError(activity.Id, NameOf(activity), p)));
            }
            foreach (var input in registration.Descriptor.Inputs)
            {
                var value = activity.GetInput(input.Name);
                if (value is null || value.IsEmpty)
                {
                    if (input.Required) errors.Add(new(activity.Id, NameOf(activity), $"缺少必填输入 '{input.Name}'。"));
                    continue;
                }
                if (!value.IsLiteral) continue;
                var message = CheckLiteral(value, input);
                if (message is not null) errors.Add(new(activity.Id, NameOf(activity), $"输入 '{input.Name}' {message}"));
            }
        }
        return errors;
    }

    /// <summary>The start activity by the documented rule, or null.</summary>
    public static ActivityDefinition? FindStart(IReadOnlyList<ActivityDefinition> activities, IEnumerable<ConnectionDefinition> connections)
    {
        var start = activities.FirstOrDefault(a => string.Equals(a.Type, StartType, StringComparison.OrdinalIgnoreCase));
        if (start is not null) return start;
        var targets = connections.Where(c => c.Source != c.Target).Select(c => c.Target).ToHashSet(StringComparer.Ordinal);
        return activities.FirstOrDefault(a => !targets.Contains(a.Id));
    }

    private static HashSet<string> Reachable(string start, IReadOnlyList<ConnectionDefinition> connections)
    {
        var next = connections.ToLookup(c => c.Source!, c => c.Target!, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var id))
            foreach (var target in next[id])
                if (seen.Add(target)) queue.Enqueue(target);
        return seen;
    }

    private static string? CheckExpression(WorkflowDefinition definition, InputValue value, ScriptLimits limits)
    {
        if (!ExpressionTypes.IsSupported(value.ExpressionType))
            return $"使用了不支持的表达式语言 '{value.ExpressionType}'（支持：{string.Join(", ", ExpressionTypes.Supported)}）。";
        if (value.IsEmpty) return null;
        switch (value.ExpressionType)
        {
            case ExpressionTypes.JavaScript:
                var source = value.Value.AsString();
                if (source is null) return "的脚本必须是字符串。";
                var script = ScriptCompiler.Compile(source, limits);
                return script.Error is null ? null : $"的脚本无法解析：{script.Error}";
            case ExpressionTypes.Object:
                if (value.Value is System.Text.Json.Nodes.JsonObject or System.Text.Json.Nodes.JsonArray) return null;
                try
                {
                    System.Text.Json.Nodes.JsonNode.Parse(value.Value.AsString() ?? "");
                    return null;
                }
                catch (System.Text.Json.JsonException ex)
                {
                    return $"的 Object 表达式不是有效的 JSON：{ex.Message}";
                }
            case ExpressionTypes.Variable:
                var name = ActivityInputs.VariableReference(value.Value);
                return name is not null && definition.FindVariable(name) is not null ? null : $"引用了未定义的变量 '{name}'。";
            default:
                return null;
        }
    }

    private static string? CheckLiteral(InputValue value, ActivityInputDescriptor input)
    {
        var kind = ValueConverter.KindOf(input.TypeName);
        try
        {
            var normalized = ValueConverter.Normalize(value.Value, kind);
            if (input.Options is { Count: > 0 } options && normalized.AsString() is { } text
                && !options.Contains(text, StringComparer.OrdinalIgnoreCase))
                return $"的值 '{text}' 无效（可选：{string.Join(", ", options)}）。";
            return null;
        }
        catch (ValueConversionException ex)
        {
            return $"的值无法转换为 {input.TypeName}：{ex.Message}";
        }
    }
}
