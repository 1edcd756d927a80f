using System.Text.Json.Serialization;

namespace Certification.Domain.Criteria;

/// <summary>The result of evaluating one profile for one tier under one criteria version.</summary>
/// <param name="TotalScore">Always computed for scored tiers, null for tiers without a score (little-giant).</param>
/// <param name="Failed">What made the profile ineligible; <c>SCORE</c> only when the score alone decided.</param>
/// <param name="DirectConditions">Every direct condition that holds, eligible or not.</param>
/// <param name="Conditions">Every condition checked, passed or not, in the order checked.</param>
public sealed record Evaluation(
    string Tier,
    string CriteriaVersion,
    bool Eligible,
    EvaluationRoute? Route,
    decimal? TotalScore,
    IReadOnlyList<DimensionScore> Dimensions,
    IReadOnlyList<IndicatorScore> Indicators,
    IReadOnlyList<FailedCondition> Failed,
    IReadOnlyList<string> DirectConditions,
    IReadOnlyList<ConditionResult> Conditions);

public enum EvaluationRoute
{
    [JsonStringEnumMemberName("direct")] Direct,
    [JsonStringEnumMemberName("score")] Score,
    [JsonStringEnumMemberName("conditions")] Conditions,
}

public sealed record DimensionScore(string Code, decimal Score, decimal Max);

public sealed record IndicatorScore(string Code, string Name, decimal Score, decimal Max, string Reason);

public sealed record FailedCondition(string Code, string Reason);

public sealed record ConditionResult(string Code, bool Passed, string Reason);
