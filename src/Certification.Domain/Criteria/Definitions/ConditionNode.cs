namespace Certification.Domain.Criteria.Definitions;

/// <summary>
/// A condition: a comparison of a named measure (<see cref="Measure"/> + <see cref="Op"/> + <see cref="Value"/> /
/// <see cref="Values"/>), or a combination (<see cref="All"/>, <see cref="Any"/>, <see cref="Cases"/>).
/// A node with a <see cref="Code"/> is reported on its own in the evaluation's condition list.
/// </summary>
public sealed record ConditionNode
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    /// <summary>Report the node among the evaluation's direct conditions when it holds (LG-4D).</summary>
    public bool? Direct { get; init; }

    public string? Measure { get; init; }
    /// <summary>For yearly measures: 0 = last year, 1 = the year before, ...</summary>
    public int? YearOffset { get; init; }
    /// <summary>Overrides the measure's label in reasons.</summary>
    public string? Label { get; init; }
    /// <summary>One of <c>&gt;= &gt; &lt;= &lt; == != in notIn exists</c>.</summary>
    public string? Op { get; init; }
    public Scalar? Value { get; init; }
    public IReadOnlyList<Scalar>? Values { get; init; }

    public IReadOnlyList<ConditionNode>? All { get; init; }
    public IReadOnlyList<ConditionNode>? Any { get; init; }
    /// <summary>The first case whose <c>when</c> holds decides through its <c>then</c>.</summary>
    public IReadOnlyList<ConditionCase>? Cases { get; init; }
}

public sealed record ConditionCase
{
    public ConditionNode? When { get; init; }
    public ConditionNode? Then { get; init; }
}
