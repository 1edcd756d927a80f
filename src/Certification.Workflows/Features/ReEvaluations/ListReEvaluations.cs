using Certification.Domain.Criteria;
using Certification.Domain.Dynamic;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.ReEvaluations;

/// <summary>
/// Re-evaluations the caller may see, soonest expiry first: an enterprise its own, reviewers and regulators those of
/// their region, administrators all, a page at a time. <paramref name="Status"/> filters by status (AwaitingData,
/// AwaitingConfirmation, Renewed, Downgraded, Lapsed, Cancelled; "Open" = the first two, "Closed" = the others);
/// <paramref name="TitleIds"/> to the re-evaluations of those titles (the ones a page shows).
/// </summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record ListReEvaluations(
    string? Status = null, string? EnterpriseId = null, int Page = 1, int PageSize = Paging.MaxPageSize, IReadOnlyList<string>? TitleIds = null)
    : IRequest<ListPage<ReEvaluationView>>
{
    public const string Open = "Open", Closed = "Closed";
    public const int MaxTitleIds = 200;
}

public sealed class ListReEvaluationsValidator : IRequestValidator<ListReEvaluations>
{
    public IEnumerable<FieldError> Validate(ListReEvaluations request)
    {
        if (request.Status is { } s && s is not (ListReEvaluations.Open or ListReEvaluations.Closed) && !ReEvaluationStatus.All.Contains(s))
            yield return new FieldError("status", $"未知的复核状态“{s}”，可选：Open、Closed、{string.Join("、", ReEvaluationStatus.All)}");
        foreach (var error in Paging.Check(request.Page, request.PageSize)) yield return error;
        if (request.TitleIds is { Count: > ListReEvaluations.MaxTitleIds })
            yield return new FieldError("titleIds", $"一次最多查询 {ListReEvaluations.MaxTitleIds} 个称号的复核");
    }
}

public sealed class ListReEvaluationsHandler(CertificationDbContext db, CriteriaCatalog catalog, CallerContext callers)
    : IRequestHandler<ListReEvaluations, ListPage<ReEvaluationView>>
{
    public async Task<ListPage<ReEvaluationView>> Handle(ListReEvaluations request, CancellationToken ct)
    {
        var query = db.ReEvaluations.AsNoTracking().VisibleTo(callers.Current);
        query = request.Status switch
        {
            ListReEvaluations.Open => query.Where(r => r.Status == ReEvaluationStatus.AwaitingData || r.Status == ReEvaluationStatus.AwaitingConfirmation),
            ListReEvaluations.Closed => query.Where(r => r.Status != ReEvaluationStatus.AwaitingData && r.Status != ReEvaluationStatus.AwaitingConfirmation),
            { } status => query.Where(r => r.Status == status),
            null => query,
        };
        if (request.EnterpriseId is { } enterprise) query = query.Where(r => r.EnterpriseId == enterprise);
        if (request.TitleIds is { } titles) query = query.Where(r => titles.Contains(r.TitleId));
        var page = await query.OrderBy(r => r.TitleValidUntil).ThenBy(r => r.Id).PageAsync(request.Page, request.PageSize, ct);
        return page.With(await ReEvaluationViews.BuildAsync(db, catalog, page.Items, detail: false, ct));
    }
}

/// <summary>One re-evaluation with the evaluations it was decided on; 404 outside the caller's scope.</summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record GetReEvaluation(string Id) : IRequest<ReEvaluationView>;

public sealed class GetReEvaluationHandler(CertificationDbContext db, CriteriaCatalog catalog, CallerContext callers)
    : IRequestHandler<GetReEvaluation, ReEvaluationView>
{
    public async Task<ReEvaluationView> Handle(GetReEvaluation request, CancellationToken ct)
    {
        var row = await db.ReEvaluations.AsNoTracking().VisibleTo(callers.Current).FirstOrDefaultAsync(r => r.Id == request.Id, ct)
                  ?? throw new NotFoundException($"复核 {request.Id} 不存在");
        return (await ReEvaluationViews.BuildAsync(db, catalog, [row], detail: true, ct))[0];
    }
}
