using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Experts;

/// <summary>The expert pool, for administrators; <paramref name="RegionPrefix"/> narrows it to a region.</summary>
[AllowedCallers(Roles.Admin, Roles.Regulator)]
public sealed record ListExperts(string? RegionPrefix = null) : IRequest<IReadOnlyList<ExpertView>>;

public sealed class ListExpertsHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<ListExperts, IReadOnlyList<ExpertView>>
{
    public async Task<IReadOnlyList<ExpertView>> Handle(ListExperts request, CancellationToken ct)
    {
        var query = db.Experts.AsNoTracking().VisibleTo(callers.Current);
        if (!string.IsNullOrWhiteSpace(request.RegionPrefix))
        {
            var prefix = request.RegionPrefix;
            query = query.Where(e => e.RegionCode.StartsWith(prefix));
        }
        var experts = await query.OrderBy(e => e.RegionCode).ThenBy(e => e.Name).ThenBy(e => e.Id).ToListAsync(ct);
        return experts.Select(ExpertView.Of).ToList();
    }
}
