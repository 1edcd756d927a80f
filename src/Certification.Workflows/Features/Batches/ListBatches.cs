using Certification.Domain.Criteria;
using Certification.Domain.Time;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Batches;

/// <summary>
/// Batches, newest window first. <paramref name="Open"/>: true only those open today (Beijing date), false only
/// those not open today. <paramref name="RegionCode"/>: only batches whose region covers that 6-digit code.
/// </summary>
[AllowedCallers(AllowedCallersAttribute.SignedIn)]
public sealed record ListBatches(string? Tier = null, bool? Open = null, string? RegionCode = null) : IRequest<IReadOnlyList<BatchView>>;

public sealed class ListBatchesHandler(CertificationDbContext db, CriteriaCatalog catalog, TimeProvider clock, CallerContext callers)
    : IRequestHandler<ListBatches, IReadOnlyList<BatchView>>
{
    public async Task<IReadOnlyList<BatchView>> Handle(ListBatches request, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var query = db.Batches.AsNoTracking().VisibleTo(callers.Current);
        if (!string.IsNullOrWhiteSpace(request.Tier)) query = query.Where(b => b.Tier == request.Tier);
        if (request.Open == true) query = query.Where(b => b.OpensOn <= today && b.ClosesOn >= today);
        if (request.Open == false) query = query.Where(b => b.OpensOn > today || b.ClosesOn < today);
        var batches = await query.OrderByDescending(b => b.OpensOn).ThenBy(b => b.Name).Take(500).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(request.RegionCode))
            batches = batches.Where(b => b.Covers(request.RegionCode.Trim())).ToList();
        return batches.Select(b => BatchView.From(b, today, TierNames.Of(catalog, b.CriteriaVersion, b.Tier))).ToList();
    }
}
