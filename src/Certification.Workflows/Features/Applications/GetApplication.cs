using Certification.Domain.Criteria;
using Certification.Workflows.Persistence;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Applications;

[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Expert, Roles.Admin, Roles.Regulator)]
public sealed record GetApplication(string Id) : IRequest<ApplicationDetail>;

public sealed class GetApplicationHandler(CertificationDbContext db, CriteriaCatalog catalog, TimeProvider clock, CallerContext callers)
    : IRequestHandler<GetApplication, ApplicationDetail>
{
    public async Task<ApplicationDetail> Handle(GetApplication request, CancellationToken ct)
    {
        await db.EnsureVisibleAsync(callers.Current, request.Id, ct);
        return await ApplicationDetail.LoadAsync(db, catalog, clock, request.Id, ct);
    }
}
