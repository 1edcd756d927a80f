using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Enterprises;

/// <summary>
/// Replaces the enterprise's working profile (CRITERIA.md shape). Identity fields (credit code, name, region) always
/// come from the enterprise record; titles are taken from the title register at submission, whatever the profile says.
/// Submitted dossiers keep the profile they were submitted with.
/// </summary>
[AllowedCallers(Roles.Enterprise)]
public sealed record UpdateEnterpriseProfile(string EnterpriseId, EnterpriseProfile? Profile) : IRequest<EnterpriseProfile>;

public sealed class UpdateEnterpriseProfileValidator : IRequestValidator<UpdateEnterpriseProfile>
{
    public IEnumerable<FieldError> Validate(UpdateEnterpriseProfile request)
    {
        if (request.Profile is null)
            return [new FieldError("", "缺少企业信息（请求体应为企业画像 JSON 对象）")];
        // The body is the profile itself, so fields are named from its root ("financials[0].year").
        var anonymous = request.Profile with { CreditCode = null, Name = null, RegionCode = null };
        return IdentityErrors(request.Profile).Concat(ProfileValidator.Validate(anonymous).Select(e => new FieldError(e.Field, e.Message)));
    }

    /// <summary>The identity fields are replaced by the enterprise's own, but a value no enterprise could have is still refused.</summary>
    private static IEnumerable<FieldError> IdentityErrors(EnterpriseProfile profile)
    {
        if (profile.CreditCode is { Length: > 18 }) yield return new FieldError("creditCode", "统一社会信用代码为 18 位");
        if (profile.Name is { Length: > 200 }) yield return new FieldError("name", "企业名称不超过 200 个字符");
        if (profile.RegionCode is { Length: > 6 }) yield return new FieldError("regionCode", "行政区划代码为 6 位");
    }
}

public sealed class UpdateEnterpriseProfileHandler(CertificationDbContext db, TimeProvider clock, CallerContext callers)
    : IRequestHandler<UpdateEnterpriseProfile, EnterpriseProfile>
{
    public async Task<EnterpriseProfile> Handle(UpdateEnterpriseProfile request, CancellationToken ct)
    {
        var enterprise = await EnterpriseLookup.FindAsync(db, callers.Current, request.EnterpriseId, ct);
        enterprise.UpdateProfile(request.Profile!, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return enterprise.Profile;
    }
}
