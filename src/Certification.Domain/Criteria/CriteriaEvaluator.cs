using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Criteria.Scoring;

namespace Certification.Domain.Criteria;

public static class CriteriaEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="profile"/> for <paramref name="tier"/> under <paramref name="criteria"/> as of
    /// <paramref name="asOf"/> (the date titles must still be valid on). Never throws for profile content:
    /// missing or unusable data fails the condition / scores 0 with a reason.
    /// </summary>
    /// <exception cref="UnknownTierException">The criteria version has no such tier.</exception>
    public static Evaluation Evaluate(CriteriaSet criteria, string tier, EnterpriseProfile profile, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentNullException.ThrowIfNull(profile);
        return new TierEvaluation(criteria, criteria.GetTier(tier), profile, asOf).Run();
    }
}
