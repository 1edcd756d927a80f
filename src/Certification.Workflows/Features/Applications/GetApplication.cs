using Certification.Domain.Criteria;
using Certification.Workflows.Persistence;
using MediatR;

namespace Certification.Workflows.Features.Applications;

public sealed record GetApplication(string Id) : IRequest<ApplicationDetail>;

public sealed class GetApplicationHandler(CertificationDbContext db, CriteriaCatalog catalog, TimeProvider clock)
    : IRequestHandler<GetApplication, ApplicationDetail>
{
    public Task<ApplicationDetail> Handle(GetApplication request, CancellationToken ct) =>
        ApplicationDetail.LoadAsync(db, catalog, clock, request.Id, ct);
}
