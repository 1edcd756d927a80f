using Certification.Domain.Criteria.Definitions;
using Certification.Domain.Criteria.Measures;

namespace Certification.Domain.Criteria.Scoring;

/// <summary>Evaluates condition trees against one profile, recording every coded node it meets.</summary>
internal sealed class ConditionEvaluator(ProfileFacts facts)
{
    private readonly List<ConditionResult> trace = [];
    private readonly List<string> directHits = [];

    /// <summary>Results of coded nodes, parents before their children.</summary>
    public IReadOnlyList<ConditionResult> Trace => trace;

    /// <summary>Coded nodes marked <c>direct</c> that held.</summary>
    public IReadOnlyList<string> DirectHits => directHits;

    public void Record(ConditionResult result) => trace.Add(result);

    public NodeOutcome Evaluate(ConditionNode node)
    {
        var slot = trace.Count;
        var outcome = node switch
        {
            { All: { } all } => All(all),
            { Any: { } any } => Any(any),
            { Cases: { } cases } => Cases(cases),
            _ => Compare(node),
        };
        if (node.Code is { } code)
        {
            trace.Insert(slot, new ConditionResult(code, outcome.Passed, outcome.Reason));
            if (node.Direct == true && outcome.Passed)
            {
                directHits.Add(code);
            }
        }
        return outcome;
    }

    private NodeOutcome All(IReadOnlyList<ConditionNode> children)
    {
        var outcomes = children.Select(Evaluate).ToList();
        var failing = outcomes.Where(o => !o.Passed).ToList();
        return failing.Count == 0
            ? new NodeOutcome(true, Reasons.Join(outcomes.Select(o => o.Reason)))
            : new NodeOutcome(false, Reasons.Join(failing.Select(o => o.Reason)), failing.Any(o => o.Missing));
    }

    // Every alternative is evaluated, not only up to the first that holds, so that all coded and direct
    // nodes below are reported.
    private NodeOutcome Any(IReadOnlyList<ConditionNode> children)
    {
        var outcomes = children.Select(Evaluate).ToList();
        return outcomes.FirstOrDefault(o => o.Passed)
               ?? new NodeOutcome(false, Reasons.Join(outcomes.Select(o => o.Reason)), outcomes.Any(o => o.Missing));
    }

    private NodeOutcome Cases(IReadOnlyList<ConditionCase> cases)
    {
        var unmatched = new List<NodeOutcome>();
        foreach (var @case in cases)
        {
            if (@case.When is null || @case.Then is null)
            {
                continue;
            }
            var when = Evaluate(@case.When);
            if (!when.Passed)
            {
                unmatched.Add(when);
                continue;
            }
            var then = Evaluate(@case.Then);
            return then with { Reason = Reasons.Join([when.Reason, then.Reason]) };
        }
        return new NodeOutcome(false, Reasons.Join(unmatched.Select(o => o.Reason)), unmatched.Any(o => o.Missing));
    }

    private NodeOutcome Compare(ConditionNode node)
    {
        if (node.Measure is null || !MeasureCatalog.TryGet(node.Measure, out var measure))
        {
            return new NodeOutcome(false, $"未知的指标量“{node.Measure}”");
        }
        var yearOffset = node.YearOffset ?? 0;
        var value = MeasureReader.Read(measure, facts, yearOffset);
        if (value is MissingValue missing)
        {
            return new NodeOutcome(false, missing.Reason, Missing: true);
        }
        var label = measure.LabelFor(facts, yearOffset, node.Label);
        var op = node.Op ?? "";
        try
        {
            return (value, op) switch
            {
                (_, "exists") => new NodeOutcome(true, Describe(measure, label, value)),
                (NumberValue n, ">=" or ">" or "<=" or "<" or "==" or "!=") when node.Value?.Number is { } threshold
                    => CompareNumber(measure, label, n, op, threshold),
                (FlagValue f, "==" or "!=") when node.Value?.Flag is { } expected
                    => new NodeOutcome((f.Value == expected) == (op == "=="), measure.Format(f)),
                (_, "in" or "notIn" or "==" or "!=") => Membership(measure, label, value, op, node),
                _ => new NodeOutcome(false, $"{label}：无法按“{op}”比较"),
            };
        }
        catch (OverflowException)
        {
            return new NodeOutcome(false, $"{label}：数值超出可计算范围", Missing: true);
        }
    }

    private static NodeOutcome CompareNumber(Measure measure, string label, NumberValue value, string op, decimal threshold)
    {
        var comparison = value.Value.CompareTo(threshold);
        var passed = op switch
        {
            ">=" => comparison >= 0,
            ">" => comparison > 0,
            "<=" => comparison <= 0,
            "<" => comparison < 0,
            "==" => comparison == 0,
            _ => comparison != 0,
        };
        return new NodeOutcome(passed,
            $"{label} {measure.Format(value)}（{Reasons.Relation(op, passed)}{measure.FormatThreshold(threshold)}）");
    }

    private static NodeOutcome Membership(Measure measure, string label, MeasureValue value, string op, ConditionNode node)
    {
        IReadOnlyList<Scalar> set = node.Values ?? (node.Value is { } single ? [single] : []);
        var contained = set.Any(candidate => Matches(value, candidate));
        var passed = op is "in" or "==" ? contained : !contained;
        return new NodeOutcome(passed, Describe(measure, label, value));
    }

    internal static bool Matches(MeasureValue value, Scalar candidate) => value switch
    {
        NumberValue n => candidate.Number is { } number && n.Value.CompareTo(number) == 0,
        FlagValue f => candidate.Flag == f.Value,
        ChoiceValue c => candidate.Text == c.Value,
        _ => false,
    };

    internal static string Describe(Measure measure, string label, MeasureValue value) => value switch
    {
        MissingValue missing => missing.Reason,
        FlagValue => measure.Format(value),
        ChoiceValue => $"{label}：{measure.Format(value)}",
        _ => $"{label} {measure.Format(value)}",
    };
}
