using Certification.Domain.Criteria;
using Certification.Domain.Time;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Batches;

[AllowedCallers(AllowedCallersAttribute.SignedIn)]
public sealed record GetBatch(string Id) : IRequest<BatchView>;

public sealed class GetBatchHandler(CertificationDbContext db, CriteriaCatalog catalog, TimeProvider clock, CallerContext callers) : IRequestHandler<GetBatch, BatchView>
{
    public async Task<BatchView> Handle(GetBatch request, CancellationToken ct)
    {
        var batch = await db.Batches.AsNoTracking().VisibleTo(callers.Current).FirstOrDefaultAsync(b => b.Id == request.Id, ct)
                    ?? throw new NotFoundException($"申报批次 {request.Id} 不存在");
        return BatchView.From(batch, ChinaTime.Today(clock), TierNames.Of(catalog, batch.CriteriaVersion, batch.Tier));
    }
}
