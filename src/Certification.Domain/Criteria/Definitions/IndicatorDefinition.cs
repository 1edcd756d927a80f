namespace Certification.Domain.Criteria.Definitions;

/// <summary>
/// One scored indicator. Exactly one way of scoring is given:
/// <see cref="Bands"/> (with <see cref="Measure"/>), <see cref="HighestOf"/>, <see cref="Items"/>,
/// <see cref="Step"/> (with <see cref="Measure"/>) or <see cref="ValueAsScore"/> (with <see cref="Measure"/>).
/// The score never exceeds <see cref="Max"/>.
/// </summary>
public sealed record IndicatorDefinition
{
    public string Code { get; init; } = "";
    public string Dimension { get; init; } = "";
    public string Name { get; init; } = "";
    public decimal Max { get; init; }

    public string? Measure { get; init; }
    public int? YearOffset { get; init; }
    public string? Label { get; init; }

    public IReadOnlyList<BandDefinition>? Bands { get; init; }
    /// <summary>Several measures, each with its bands; the highest points count.</summary>
    public IReadOnlyList<ScoreSource>? HighestOf { get; init; }
    /// <summary>Conditions each worth <see cref="PointsPerItem"/>.</summary>
    public IReadOnlyList<ConditionNode>? Items { get; init; }
    public decimal? PointsPerItem { get; init; }
    public StepDefinition? Step { get; init; }
    /// <summary>The measure's value is the score (clamped to 0..max).</summary>
    public bool? ValueAsScore { get; init; }
}

public sealed record ScoreSource
{
    public string Measure { get; init; } = "";
    public int? YearOffset { get; init; }
    public string? Label { get; init; }
    public IReadOnlyList<BandDefinition> Bands { get; init; } = [];
}

/// <summary>
/// A band: numeric <c>from</c> (inclusive) / <c>to</c> (exclusive unless <c>toInclusive</c>), or <c>is</c> / <c>in</c>
/// for yes/no and choice measures; a band with no constraint catches every present value.
/// </summary>
public sealed record BandDefinition
{
    public decimal? From { get; init; }
    public decimal? To { get; init; }
    public bool? ToInclusive { get; init; }
    public Scalar? Is { get; init; }
    public IReadOnlyList<Scalar>? In { get; init; }
    public decimal Points { get; init; }
}

/// <summary>Points for every full <see cref="Every"/> units of the measure (e.g. 1 point per full 2 years).</summary>
public sealed record StepDefinition
{
    public decimal Every { get; init; }
    public decimal Points { get; init; }
}
