using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Persistence;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Enterprises;

/// <summary>The enterprise's working profile, as last saved.</summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record GetEnterpriseProfile(string EnterpriseId) : IRequest<EnterpriseProfile>;

public sealed class GetEnterpriseProfileHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<GetEnterpriseProfile, EnterpriseProfile>
{
    public async Task<EnterpriseProfile> Handle(GetEnterpriseProfile request, CancellationToken ct) =>
        (await EnterpriseLookup.FindAsync(db, callers.Current, request.EnterpriseId, ct)).Profile;
}
