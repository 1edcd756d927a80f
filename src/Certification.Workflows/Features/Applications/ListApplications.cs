using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Applications;

/// <summary>Applications, newest first, filtered by enterprise, batch and/or status; at most 500.</summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Expert, Roles.Admin, Roles.Regulator)]
public sealed record ListApplications(string? EnterpriseId = null, string? BatchId = null, string? Status = null)
    : IRequest<IReadOnlyList<ApplicationSummary>>;

public sealed class ListApplicationsHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<ListApplications, IReadOnlyList<ApplicationSummary>>
{
    public async Task<IReadOnlyList<ApplicationSummary>> Handle(ListApplications request, CancellationToken ct)
    {
        var query = db.Applications.AsNoTracking().VisibleTo(callers.Current, db);
        if (!string.IsNullOrWhiteSpace(request.EnterpriseId)) query = query.Where(a => a.EnterpriseId == request.EnterpriseId);
        if (!string.IsNullOrWhiteSpace(request.BatchId)) query = query.Where(a => a.BatchId == request.BatchId);
        if (!string.IsNullOrWhiteSpace(request.Status)) query = query.Where(a => a.Status == request.Status);
        var applications = await query.OrderByDescending(a => a.CreatedAt).Take(500).ToListAsync(ct);
        return applications.Select(ApplicationSummary.From).ToList();
    }
}
