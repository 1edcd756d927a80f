using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Experts;

/// <summary>One expert's own seats. Nothing about the other members of a panel: not who, not what they scored.</summary>
[AllowedCallers(Roles.Expert, Roles.Admin)]
public sealed record ListExpertAssignments(string ExpertId) : IRequest<IReadOnlyList<ExpertSeatView>>;

public sealed record ExpertSeatView(
    string Id,
    string ApplicationId,
    string EnterpriseName,
    string Tier,
    string Stage,
    bool IsChair,
    string Status,
    string? DeclineReason,
    decimal? Total,
    DateTimeOffset AssignedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DueAt,
    string TaskStatus);

public sealed class ListExpertAssignmentsHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<ListExpertAssignments, IReadOnlyList<ExpertSeatView>>
{
    public async Task<IReadOnlyList<ExpertSeatView>> Handle(ListExpertAssignments request, CancellationToken ct)
    {
        // An expert asking for another expert's seats is told that expert does not exist.
        if (!await db.Experts.VisibleTo(callers.Current).AnyAsync(e => e.Id == request.ExpertId, ct))
            throw new NotFoundException($"专家 {request.ExpertId} 不存在");
        var rows = await (
                from seat in db.ExpertAssignments.AsNoTracking()
                where seat.ExpertId == request.ExpertId
                join task in db.HumanTasks on seat.PanelTaskId equals task.Id
                join application in db.Applications on seat.ApplicationId equals application.Id
                join enterprise in db.Enterprises on application.EnterpriseId equals enterprise.Id
                select new { seat, task.Title, task.DueAt, TaskStatus = task.Status, enterprise.Name, application.Tier })
            .ToListAsync(ct);
        return rows
            .OrderByDescending(r => r.seat.AssignedAt).ThenBy(r => r.seat.Id)
            .Select(r => new ExpertSeatView(r.seat.Id, r.seat.ApplicationId, r.Name, r.Tier, r.Title, r.seat.IsChair, r.seat.Status,
                r.seat.DeclineReason, r.seat.Total, LifecycleData.Utc(r.seat.AssignedAt), LifecycleData.Utc(r.seat.SubmittedAt),
                LifecycleData.Utc(r.DueAt), r.TaskStatus))
            .ToList();
    }
}
