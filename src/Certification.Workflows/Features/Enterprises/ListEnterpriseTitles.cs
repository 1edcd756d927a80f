using Certification.Domain.Criteria;
using Certification.Domain.Time;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Enterprises;

/// <summary>Every title of the enterprise in the register (valid, expired, revoked, superseded), newest first.</summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record ListEnterpriseTitles(string EnterpriseId) : IRequest<IReadOnlyList<TitleView>>;

public sealed class ListEnterpriseTitlesHandler(CertificationDbContext db, CriteriaCatalog catalog, TimeProvider clock, CallerContext callers)
    : IRequestHandler<ListEnterpriseTitles, IReadOnlyList<TitleView>>
{
    public async Task<IReadOnlyList<TitleView>> Handle(ListEnterpriseTitles request, CancellationToken ct)
    {
        if (!await db.Enterprises.VisibleTo(callers.Current).AnyAsync(e => e.Id == request.EnterpriseId, ct))
            throw new NotFoundException($"企业 {request.EnterpriseId} 不存在");
        var titles = await db.Titles.AsNoTracking().Where(t => t.EnterpriseId == request.EnterpriseId).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        return titles
            .OrderByDescending(t => t.IssuedOn).ThenBy(t => t.Tier, StringComparer.Ordinal)
            .Select(t => TitleView.From(t, today, TierNames.Of(catalog, t.CriteriaVersion, t.Tier)))
            .ToList();
    }
}
