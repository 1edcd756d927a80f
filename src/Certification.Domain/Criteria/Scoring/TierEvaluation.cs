using System.Globalization;
using Certification.Domain.Criteria.Definitions;
using Certification.Domain.Criteria.Measures;
using Certification.Domain.Criteria.Profiles;

namespace Certification.Domain.Criteria.Scoring;

/// <summary>One run of the tier rules: general conditions, ladder, hard conditions, aspects, direct conditions, score.</summary>
internal sealed class TierEvaluation
{
    public const string PrerequisiteCode = "PREREQ";
    public const string ScoreCode = "SCORE";

    /// <summary>Reported for a tier that has direct conditions but no score when none of them holds.</summary>
    public const string DirectCode = "DIRECT";

    private readonly CriteriaSet criteria;
    private readonly TierDefinition tier;
    private readonly EnterpriseProfile profile;
    private readonly DateOnly asOf;
    private readonly ConditionEvaluator conditions;
    private readonly IndicatorScorer scorer;
    private readonly List<FailedCondition> failed = [];

    public TierEvaluation(CriteriaSet criteria, TierDefinition tier, EnterpriseProfile profile, DateOnly asOf)
    {
        this.criteria = criteria;
        this.tier = tier;
        this.profile = profile;
        this.asOf = asOf;
        var facts = new ProfileFacts(profile);
        conditions = new ConditionEvaluator(facts);
        scorer = new IndicatorScorer(facts, conditions);
    }

    public Evaluation Run()
    {
        foreach (var condition in criteria.Definition.GeneralConditions)
        {
            Require(condition);
        }
        if (tier.Prerequisite is { Enforced: true } prerequisite)
        {
            var held = Prerequisite(prerequisite);
            conditions.Record(held);
            if (!held.Passed)
            {
                failed.Add(new FailedCondition(held.Code, held.Reason));
            }
        }
        foreach (var condition in tier.HardConditions.Concat(tier.Aspects))
        {
            Require(condition);
        }

        var direct = tier.DirectConditions.Where(d => conditions.Evaluate(d).Passed).Select(d => d.Code ?? "").ToList();
        var card = tier.Score is { } scorecard ? Scorecard(scorecard) : null;
        if (card is not null)
        {
            conditions.Record(new ConditionResult(ScoreCode, card.Passed, card.Reason));
        }

        var hasAlternative = card is not null || tier.DirectConditions.Count > 0;
        var alternativeHolds = direct.Count > 0 || card?.Passed == true;
        if (hasAlternative)
        {
            var reason = AlternativeReason(direct, card);
            if (tier.ScoreOrDirectCode is { } code)
            {
                conditions.Record(new ConditionResult(code, alternativeHolds, reason));
            }
            // The score is reported as the cause only when it alone stood between the profile and the tier.
            if (!alternativeHolds && failed.Count == 0)
            {
                failed.Add(new FailedCondition(card is not null ? ScoreCode : tier.ScoreOrDirectCode ?? DirectCode, reason));
            }
        }

        var eligible = failed.Count == 0;
        EvaluationRoute? route = !eligible ? null
            : !hasAlternative ? EvaluationRoute.Conditions
            : direct.Count > 0 ? EvaluationRoute.Direct
            : EvaluationRoute.Score;

        return new Evaluation(
            tier.Code,
            criteria.Version,
            eligible,
            route,
            card?.Total,
            card?.Dimensions ?? [],
            card?.Indicators ?? [],
            failed,
            conditions.DirectHits.Concat(direct).Distinct().ToList(),
            conditions.Trace);
    }

    private void Require(ConditionNode condition)
    {
        var outcome = conditions.Evaluate(condition);
        if (!outcome.Passed)
        {
            failed.Add(new FailedCondition(condition.Code ?? "", outcome.Reason));
        }
    }

    private ConditionResult Prerequisite(PrerequisiteDefinition prerequisite)
    {
        var name = criteria.FindTier(prerequisite.Tier)?.Name ?? prerequisite.Tier;
        var latest = (profile.Titles ?? [])
            .Where(t => t?.ValidUntil is not null && string.Equals(t.Tier, prerequisite.Tier, StringComparison.OrdinalIgnoreCase))
            .Select(t => t!.ValidUntil!.Value)
            .DefaultIfEmpty()
            .Max();
        if (latest == default)
        {
            return new ConditionResult(PrerequisiteCode, false, $"未持有{name}称号");
        }
        var until = latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return latest >= asOf
            ? new ConditionResult(PrerequisiteCode, true, $"持有有效的{name}称号（有效期至{until}）")
            : new ConditionResult(PrerequisiteCode, false, $"{name}称号已于{until}到期");
    }

    private sealed record CardResult(
        decimal Total, bool Passed, string Reason, List<DimensionScore> Dimensions, List<IndicatorScore> Indicators);

    private CardResult Scorecard(ScorecardDefinition scorecard)
    {
        var indicators = scorecard.Indicators.Select(scorer.Score).ToList();
        var dimensionOf = scorecard.Indicators.ToDictionary(i => i.Code, i => i.Dimension);
        var dimensions = scorecard.Dimensions
            .Select(d => new DimensionScore(d.Code,
                indicators.Where(i => dimensionOf[i.Code] == d.Code).Sum(i => i.Score), d.Max))
            .ToList();
        var total = indicators.Sum(i => i.Score);

        var totalPasses = total >= scorecard.PassTotal;
        var shortDimensions = scorecard.Dimensions
            .Zip(dimensions)
            .Where(pair => pair.First.Min is { } min && pair.Second.Score < min)
            .Select(pair => $"{pair.First.Name} {Points(pair.Second.Score)}（<{Points(pair.First.Min!.Value)}）")
            .ToList();
        var passed = totalPasses && shortDimensions.Count == 0;

        var totalReason = $"总分 {Points(total)}（{(totalPasses ? "≥" : "<")}{Points(scorecard.PassTotal)}）";
        var reason = Reasons.Join([totalReason, .. shortDimensions]);
        return new CardResult(total, passed, reason, dimensions, indicators);
    }

    private static string AlternativeReason(IReadOnlyList<string> direct, CardResult? card)
    {
        if (direct.Count > 0)
        {
            return $"满足直通条件 {string.Join("、", direct)}";
        }
        return card switch
        {
            null => "不满足任何直通条件",
            { Passed: true } => card.Reason,
            _ => $"{card.Reason}，且不满足任何直通条件",
        };
    }

    private static string Points(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture) + "分";
}
