using Certification.Domain.Criteria;
using Certification.Domain.Time;
using Certification.Workflows.Access;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Batches;

/// <summary>
/// The batches open for applications today (Beijing date), for anyone: the public landing page tells visitors where
/// they may apply. Only what a call for applications announces anyway (name, tier, region, window).
/// </summary>
[AllowedCallers(AllowedCallersAttribute.Anyone)]
public sealed record ListOpenBatches : IRequest<IReadOnlyList<OpenBatch>>;

public sealed record OpenBatch(string Id, string Name, string Tier, string? TierName, string RegionPrefix, DateOnly OpensOn, DateOnly ClosesOn);

public sealed class ListOpenBatchesHandler(CertificationDbContext db, CriteriaCatalog catalog, TimeProvider clock)
    : IRequestHandler<ListOpenBatches, IReadOnlyList<OpenBatch>>
{
    public async Task<IReadOnlyList<OpenBatch>> Handle(ListOpenBatches request, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var batches = await db.Batches.AsNoTracking().Where(b => b.OpensOn <= today && b.ClosesOn >= today)
            .OrderBy(b => b.ClosesOn).ThenBy(b => b.Name).Take(200).ToListAsync(ct);
        return batches.Select(b => new OpenBatch(b.Id, b.Name, b.Tier, TierNames.Of(catalog, b.CriteriaVersion, b.Tier), b.RegionPrefix,
            b.OpensOn, b.ClosesOn)).ToList();
    }
}
