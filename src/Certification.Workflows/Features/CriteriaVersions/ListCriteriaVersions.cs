using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.CriteriaVersions;

/// <summary>The register of criteria versions, drafts and published, newest first.</summary>
[AllowedCallers(Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record ListCriteriaVersions : IRequest<IReadOnlyList<CriteriaVersionView>>;

public sealed class ListCriteriaVersionsHandler(CertificationDbContext db, CriteriaRegistry registry)
    : IRequestHandler<ListCriteriaVersions, IReadOnlyList<CriteriaVersionView>>
{
    public async Task<IReadOnlyList<CriteriaVersionView>> Handle(ListCriteriaVersions request, CancellationToken ct)
    {
        var rows = await db.CriteriaVersions.AsNoTracking().ToListAsync(ct);
        return rows.OrderByDescending(r => r.PublishedAt ?? DateTime.MaxValue).ThenByDescending(r => r.CreatedAt)
            .Select(r => CriteriaVersionView.From(r, registry, detail: false)).ToList();
    }
}

/// <summary>One criteria version with its document.</summary>
[AllowedCallers(Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record GetCriteriaVersion(string Version) : IRequest<CriteriaVersionView>;

public sealed class GetCriteriaVersionHandler(CertificationDbContext db, CriteriaRegistry registry) : IRequestHandler<GetCriteriaVersion, CriteriaVersionView>
{
    public async Task<CriteriaVersionView> Handle(GetCriteriaVersion request, CancellationToken ct)
    {
        var row = await db.CriteriaVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == request.Version, ct)
                  ?? throw new NotFoundException($"评价标准版本 {request.Version} 不存在");
        return CriteriaVersionView.From(row, registry, detail: true);
    }
}
