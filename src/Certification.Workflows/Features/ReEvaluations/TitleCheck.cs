using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Titles;

namespace Certification.Workflows.Features.ReEvaluations;

/// <summary>What a holder's data says about a title it holds under a criteria version.</summary>
/// <param name="Outcome">Renewed (the title's tier is met), Downgraded (a lower tier is met) or Lapsed (none).</param>
/// <param name="Tier">The tier met: the title's own, the highest lower one, or null.</param>
/// <param name="Evaluations">The title's tier first, then each lower tier evaluated.</param>
public sealed record TitleJudgement(string Outcome, string? Tier, IReadOnlyList<Evaluation> Evaluations)
{
    public Evaluation? OwnTier => Evaluations.FirstOrDefault();
}

/// <summary>
/// Re-checks a title holder's profile against a criteria version: its own tier, and failing that each tier below it
/// on the ladder (little giant → specialized → innovative), as CRITERIA.md says ("failing a higher tier while
/// meeting a lower one keeps the lower title"). Shared by re-evaluation, the annual update and the draft preview.
/// </summary>
public static class TitleCheck
{
    public const string Renewed = "Renewed";
    public const string Downgraded = "Downgraded";
    public const string Lapsed = "Lapsed";

    public static TitleJudgement Judge(CriteriaSet criteria, Title title, EnterpriseProfile profile, IEnumerable<Title> platformTitles, DateOnly asOf)
    {
        var ladder = Ladder(criteria, title.Tier);
        var held = HeldTitles(criteria, profile, platformTitles, title);
        var evaluations = new List<Evaluation>();
        foreach (var tier in ladder)
        {
            var evaluation = CriteriaEvaluator.Evaluate(criteria, tier, profile with { Titles = held }, asOf);
            evaluations.Add(evaluation);
            if (evaluation.Eligible) return new TitleJudgement(tier == title.Tier ? Renewed : Downgraded, tier, evaluations);
        }
        return new TitleJudgement(Lapsed, null, evaluations);
    }

    /// <summary>The title's tier (if the version has it) and the tiers below it, top down.</summary>
    public static IReadOnlyList<string> Ladder(CriteriaSet criteria, string tier)
    {
        var ladder = new List<string>();
        var current = criteria.FindTier(tier) is null ? LowerTier(criteria, tier) : tier;
        while (current is not null && !ladder.Contains(current))
        {
            ladder.Add(current);
            current = LowerTier(criteria, current);
        }
        return ladder;
    }

    /// <summary>The tier below: the tier's prerequisite, else the one before it in the criteria's list of tiers.</summary>
    public static string? LowerTier(CriteriaSet criteria, string tier)
    {
        var definition = criteria.FindTier(tier);
        if (definition?.Prerequisite is { Tier.Length: > 0 } prerequisite && criteria.FindTier(prerequisite.Tier) is not null) return prerequisite.Tier;
        var index = criteria.Tiers.ToList().FindIndex(t => t.Code == tier);
        return index > 0 ? criteria.Tiers[index - 1].Code : null;
    }

    /// <summary>
    /// The titles the evaluation counts: those in the profile, those of the platform's register, and — because a
    /// holder of a higher title has climbed the ladder — every tier below the title judged, as valid as that title.
    /// Without the last, renewing a specialized title would fail for want of an innovative title long expired.
    /// </summary>
    private static List<HeldTitle?> HeldTitles(CriteriaSet criteria, EnterpriseProfile profile, IEnumerable<Title> platformTitles, Title judged)
    {
        var held = (profile.Titles ?? []).Where(t => t is not null).ToList();
        foreach (var t in platformTitles.Where(t => t.Id != judged.Id && t.Status == TitleStatus.Valid))
            held.Add(new HeldTitle { Tier = t.Tier, ValidUntil = t.ValidUntil });
        foreach (var lower in Ladder(criteria, judged.Tier).Where(t => t != judged.Tier))
            held.Add(new HeldTitle { Tier = lower, ValidUntil = judged.ValidUntil });
        return held;
    }
}
