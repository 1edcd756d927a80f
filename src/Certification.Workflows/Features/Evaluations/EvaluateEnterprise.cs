using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Time;
using Certification.Workflows.Mediation;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Evaluations;

/// <summary>
/// Evaluates one enterprise profile against a tier of a criteria version. The one entry point for the
/// HTTP endpoint, the CLI and the workflow's EvaluateCriteria step.
/// </summary>
[AllowedCallers(AllowedCallersAttribute.SignedIn)]
public sealed record EvaluateEnterprise(
    string? Tier,
    EnterpriseProfile? Profile,
    DateOnly? AsOf = null,
    string? CriteriaVersion = null) : IRequest<Evaluation>;

public sealed class EvaluateEnterpriseValidator(CriteriaCatalog catalog) : IRequestValidator<EvaluateEnterprise>
{
    public IEnumerable<FieldError> Validate(EvaluateEnterprise request)
    {
        var version = request.CriteriaVersion ?? CriteriaCatalog.DefaultVersion;
        if (!catalog.TryGet(version, out var criteria) || criteria is null)
        {
            yield return new FieldError("criteriaVersion",
                $"未知的评价标准版本“{version}”，可用版本：{string.Join("、", catalog.Versions)}");
            yield break;
        }
        if (string.IsNullOrWhiteSpace(request.Tier))
            yield return new FieldError("tier", "必须指定称号层级（tier）");
        else if (criteria.FindTier(request.Tier) is null)
            yield return new FieldError("tier",
                $"未知的称号层级“{request.Tier}”，可用：{string.Join("、", criteria.Tiers.Select(t => t.Code))}");

        if (request.Profile is null)
        {
            yield return new FieldError("profile", "缺少企业信息（profile）");
            yield break;
        }
        foreach (var error in ProfileValidator.Validate(request.Profile))
            yield return new FieldError($"profile.{error.Field}", error.Message);
    }
}

public sealed class EvaluateEnterpriseHandler(CriteriaCatalog catalog, TimeProvider clock)
    : IRequestHandler<EvaluateEnterprise, Evaluation>
{
    public Task<Evaluation> Handle(EvaluateEnterprise request, CancellationToken cancellationToken)
    {
        var criteria = catalog.Get(request.CriteriaVersion ?? CriteriaCatalog.DefaultVersion);
        var asOf = request.AsOf ?? ChinaTime.Today(clock);
        return Task.FromResult(CriteriaEvaluator.Evaluate(criteria, request.Tier!, request.Profile!, asOf));
    }
}
