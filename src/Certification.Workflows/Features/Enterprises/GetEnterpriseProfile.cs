using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Persistence;
using MediatR;

namespace Certification.Workflows.Features.Enterprises;

/// <summary>The enterprise's working profile, as last saved.</summary>
public sealed record GetEnterpriseProfile(string EnterpriseId) : IRequest<EnterpriseProfile>;

public sealed class GetEnterpriseProfileHandler(CertificationDbContext db) : IRequestHandler<GetEnterpriseProfile, EnterpriseProfile>
{
    public async Task<EnterpriseProfile> Handle(GetEnterpriseProfile request, CancellationToken ct) =>
        (await EnterpriseLookup.FindAsync(db, request.EnterpriseId, ct)).Profile;
}
