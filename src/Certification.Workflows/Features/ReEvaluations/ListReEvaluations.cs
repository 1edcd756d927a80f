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
/// their region, administrators all. <paramref name="Status"/> filters by status (AwaitingData, AwaitingConfirmation,
/// Renewed, Downgraded, Lapsed, Cancelled; "Open" = the first two).
/// </summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record ListReEvaluations(string? Status = null, string? EnterpriseId = null) : IRequest<IReadOnlyList<ReEvaluationView>>;

public sealed class ListReEvaluationsValidator : IRequestValidator<ListReEvaluations>
{
    public IEnumerable<FieldError> Validate(ListReEvaluations request)
    {
        if (request.Status is { } s && s != "Open" && !ReEvaluationStatus.All.Contains(s))
            yield return new FieldError("status", $"未知的复核状态“{s}”，可选：Open、{string.Join("、", ReEvaluationStatus.All)}");
    }
}

public sealed class ListReEvaluationsHandler(CertificationDbContext db, CriteriaCatalog catalog, CallerContext callers)
    : IRequestHandler<ListReEvaluations, IReadOnlyList<ReEvaluationView>>
{
    public async Task<IReadOnlyList<ReEvaluationView>> Handle(ListReEvaluations request, CancellationToken ct)
    {
        var query = db.ReEvaluations.AsNoTracking().VisibleTo(callers.Current);
        if (request.Status == "Open")
            query = query.Where(r => r.Status == ReEvaluationStatus.AwaitingData || r.Status == ReEvaluationStatus.AwaitingConfirmation);
        else if (request.Status is { } status) query = query.Where(r => r.Status == status);
        if (request.EnterpriseId is { } enterprise) query = query.Where(r => r.EnterpriseId == enterprise);
        var rows = await query.OrderBy(r => r.TitleValidUntil).ThenBy(r => r.Id).Take(1000).ToListAsync(ct);
        return await ReEvaluationViews.BuildAsync(db, catalog, rows, detail: false, ct);
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
