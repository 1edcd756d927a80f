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
        return ProfileValidator.Validate(anonymous).Select(e => new FieldError(e.Field, e.Message));
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
