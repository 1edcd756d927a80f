using Certification.Domain.Applications;
using Certification.Domain.Criteria;
using Certification.Domain.Time;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Publicity;

/// <summary>
/// The public notice (公示名单): applications now in publicity, with what the public may know — enterprise name,
/// credit code, region, tier and when the publicity ends. Nothing from the dossier, no scores, no reviewers.
/// </summary>
[AllowedCallers(AllowedCallersAttribute.Anyone)]
public sealed record ListPublicity(string? BatchId = null) : IRequest<IReadOnlyList<PublicityEntry>>;

/// <param name="LastDay">The last day of the publicity (Beijing date); objections are accepted until it ends.</param>
/// <param name="EndsAt">The instant it ends: 00:00 Beijing time of the day after <paramref name="LastDay"/>.</param>
public sealed record PublicityEntry(
    string ApplicationId,
    string EnterpriseName,
    string CreditCode,
    string RegionCode,
    string Tier,
    string TierName,
    string BatchId,
    string BatchName,
    DateOnly? LastDay,
    DateTimeOffset? EndsAt);

public sealed class ListPublicityHandler(CertificationDbContext db, CriteriaCatalog catalog) : IRequestHandler<ListPublicity, IReadOnlyList<PublicityEntry>>
{
    public async Task<IReadOnlyList<PublicityEntry>> Handle(ListPublicity request, CancellationToken ct)
    {
        var query = db.Applications.AsNoTracking().Where(a => a.Status == ApplicationStatus.Publicity);
        if (!string.IsNullOrWhiteSpace(request.BatchId)) query = query.Where(a => a.BatchId == request.BatchId);
        var rows = await (
                from a in query
                join e in db.Enterprises on a.EnterpriseId equals e.Id
                join b in db.Batches on a.BatchId equals b.Id
                select new { a.Id, e.Name, e.CreditCode, a.RegionCode, a.Tier, a.CriteriaVersion, a.BatchId, BatchName = b.Name, a.PublicityEndsAt })
            .ToListAsync(ct);
        return rows
            .OrderBy(r => r.BatchId).ThenBy(r => r.RegionCode).ThenBy(r => r.CreditCode)
            .Select(r =>
            {
                var ends = LifecycleData.Utc(r.PublicityEndsAt);
                var tierName = catalog.TryGet(r.CriteriaVersion, out var criteria) ? criteria.FindTier(r.Tier)?.Name ?? r.Tier : r.Tier;
                return new PublicityEntry(r.Id, r.Name, r.CreditCode, r.RegionCode, r.Tier, tierName, r.BatchId, r.BatchName,
                    ends is { } end ? DateOnly.FromDateTime(end.ToOffset(ChinaTime.Offset).DateTime).AddDays(-1) : null, ends);
            })
            .ToList();
    }
}
