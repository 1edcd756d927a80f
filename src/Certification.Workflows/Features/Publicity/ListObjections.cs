using Certification.Domain.Applications;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Publicity;

/// <summary>
/// Objections for officers (with the objector's contact details and the application's enterprise and status), newest
/// first, a page at a time.
/// </summary>
[AllowedCallers(Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record ListObjections(string? ApplicationId = null, string? Status = null, int Page = 1, int PageSize = Paging.MaxPageSize)
    : IRequest<ListPage<ObjectionView>>;

public sealed class ListObjectionsValidator : IRequestValidator<ListObjections>
{
    public IEnumerable<FieldError> Validate(ListObjections request) => Paging.Check(request.Page, request.PageSize);
}

public sealed record ObjectionView(
    string Id, string ApplicationId, string ContactName, string ContactPhone, string Content, DateTimeOffset LodgedAt,
    string Status, string? Resolution, string? ResolvedBy, DateTimeOffset? ResolvedAt,
    string EnterpriseName, string Tier, string ApplicationStatus, string ApplicationStatusLabel);

public sealed class ListObjectionsHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<ListObjections, ListPage<ObjectionView>>
{
    public async Task<ListPage<ObjectionView>> Handle(ListObjections request, CancellationToken ct)
    {
        var query = db.Objections.AsNoTracking().VisibleTo(callers.Current, db);
        if (!string.IsNullOrWhiteSpace(request.ApplicationId)) query = query.Where(o => o.ApplicationId == request.ApplicationId);
        if (!string.IsNullOrWhiteSpace(request.Status)) query = query.Where(o => o.Status == request.Status);
        var page = await (
                from o in query
                join a in db.Applications.AsNoTracking() on o.ApplicationId equals a.Id
                join e in db.Enterprises.AsNoTracking() on a.EnterpriseId equals e.Id
                orderby o.LodgedAt descending, o.Id
                select new { Objection = o, e.Name, a.Tier, a.Status })
            .PageAsync(request.Page, request.PageSize, ct);
        return page.With(page.Items.Select(r =>
        {
            var o = r.Objection;
            return new ObjectionView(o.Id, o.ApplicationId, o.ContactName, o.ContactPhone, o.Content, LifecycleData.Utc(o.LodgedAt),
                o.Status, o.Resolution, o.ResolvedBy, LifecycleData.Utc(o.ResolvedAt), r.Name, r.Tier, r.Status, ApplicationStatus.Label(r.Status));
        }).ToList());
    }
}
