namespace Certification.Domain.Criteria.Definitions;

/// <summary>One criteria version as written in <c>criteria/*.json</c>, after its <c>extends</c> chain is merged.</summary>
public sealed record CriteriaDefinition
{
    public string Version { get; init; } = "";
    public string? Extends { get; init; }
    public string? Title { get; init; }
    /// <summary>Region code prefix the version belongs to (e.g. "33" for Zhejiang); null for national rules.</summary>
    public string? Region { get; init; }
    public DateOnly? EffectiveFrom { get; init; }
    /// <summary>Conditions every tier requires (G1–G5).</summary>
    public IReadOnlyList<ConditionNode> GeneralConditions { get; init; } = [];
    public IReadOnlyList<TierDefinition> Tiers { get; init; } = [];
}

public sealed record TierDefinition
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public int ValidityYears { get; init; }
    public PrerequisiteDefinition? Prerequisite { get; init; }
    /// <summary>All must hold (e.g. SPE-C1..C3).</summary>
    public IReadOnlyList<ConditionNode> HardConditions { get; init; } = [];
    /// <summary>All must hold; kept apart from hard conditions because the rules call them aspects (LG-1..LG-6).</summary>
    public IReadOnlyList<ConditionNode> Aspects { get; init; } = [];
    /// <summary>Any one of them stands in for a passing score.</summary>
    public IReadOnlyList<ConditionNode> DirectConditions { get; init; } = [];
    public ScorecardDefinition? Score { get; init; }
    /// <summary>Code under which "score passes or a direct condition holds" is reported (SPE-C4), if the rules name it.</summary>
    public string? ScoreOrDirectCode { get; init; }
}

/// <summary>The ladder: a valid title of another tier is required unless <see cref="Enforced"/> is false.</summary>
public sealed record PrerequisiteDefinition
{
    public string Tier { get; init; } = "";
    public bool Enforced { get; init; } = true;
}

public sealed record ScorecardDefinition
{
    public decimal PassTotal { get; init; }
    public IReadOnlyList<DimensionDefinition> Dimensions { get; init; } = [];
    public IReadOnlyList<IndicatorDefinition> Indicators { get; init; } = [];
}

public sealed record DimensionDefinition
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public decimal Max { get; init; }
    /// <summary>Minimum score of the dimension for the score to pass; null when there is none.</summary>
    public decimal? Min { get; init; }
}
