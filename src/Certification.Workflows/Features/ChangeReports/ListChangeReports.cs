using Certification.Domain.Dynamic;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.ChangeReports;

/// <summary>
/// Major-change reports the caller may see, newest first (an enterprise its own, reviewers and regulators their
/// region, administrators all), a page at a time; filters: enterprise, status (Open, Kept, Revoked), late only.
/// </summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record ListChangeReports(string? EnterpriseId = null, string? Status = null, bool? Late = null, int Page = 1, int PageSize = Paging.MaxPageSize)
    : IRequest<ListPage<ChangeReportView>>;

public sealed class ListChangeReportsValidator : IRequestValidator<ListChangeReports>
{
    public IEnumerable<FieldError> Validate(ListChangeReports request)
    {
        if (request.Status is { } s && !ChangeReportStatus.All.Contains(s))
            yield return new FieldError("status", $"未知的状态“{s}”，可选：{string.Join("、", ChangeReportStatus.All)}");
        foreach (var error in Paging.Check(request.Page, request.PageSize)) yield return error;
    }
}

public sealed class ListChangeReportsHandler(CertificationDbContext db, CallerContext callers)
    : IRequestHandler<ListChangeReports, ListPage<ChangeReportView>>
{
    public async Task<ListPage<ChangeReportView>> Handle(ListChangeReports request, CancellationToken ct)
    {
        if (request.EnterpriseId is { } id && !await db.Enterprises.VisibleTo(callers.Current).AnyAsync(e => e.Id == id, ct))
            throw new NotFoundException($"企业 {id} 不存在");
        var query = db.ChangeReports.AsNoTracking().VisibleTo(callers.Current);
        if (request.EnterpriseId is { } enterprise) query = query.Where(r => r.EnterpriseId == enterprise);
        if (request.Status is { } status) query = query.Where(r => r.Status == status);
        if (request.Late is { } late) query = query.Where(r => r.Late == late);
        var page = await query.OrderByDescending(r => r.ReportedAt).ThenBy(r => r.Id).PageAsync(request.Page, request.PageSize, ct);
        return page.With(await ChangeReportViews.BuildAsync(db, page.Items, ct));
    }
}

/// <summary>One major-change report; 404 outside the caller's scope.</summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record GetChangeReport(string Id) : IRequest<ChangeReportView>;

public sealed class GetChangeReportHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<GetChangeReport, ChangeReportView>
{
    public async Task<ChangeReportView> Handle(GetChangeReport request, CancellationToken ct)
    {
        var row = await db.ChangeReports.AsNoTracking().VisibleTo(callers.Current).FirstOrDefaultAsync(r => r.Id == request.Id, ct)
                  ?? throw new NotFoundException($"重大变化报告 {request.Id} 不存在");
        return (await ChangeReportViews.BuildAsync(db, [row], ct))[0];
    }
}
