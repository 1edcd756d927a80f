using Certification.Domain.Review;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Experts;

/// <summary>
/// An expert declines a seat (回避 or unavailable) before scoring; a substitute is drawn under the same rules and
/// takes the seat. 409 when nobody can substitute (the seat is kept) or the seat was already submitted/declined.
/// The answer does not say who the substitute is.
/// </summary>
[AllowedCallers(Roles.Expert)]
public sealed record DeclineAssignment(string AssignmentId, string? Reason) : IRequest<DeclineResult>;

public sealed record DeclineResult(string AssignmentId, string Status, bool SubstituteSeated);

public sealed class DeclineAssignmentValidator : IRequestValidator<DeclineAssignment>
{
    public IEnumerable<FieldError> Validate(DeclineAssignment request)
    {
        if (string.IsNullOrWhiteSpace(request.Reason)) yield return new FieldError("reason", "请说明回避或拒绝的理由");
        else if (request.Reason.Length > 500) yield return new FieldError("reason", "理由不超过 500 个字符");
    }
}

public sealed class DeclineAssignmentHandler(CertificationDbContext db, TimeProvider clock, CallerContext callers) : IRequestHandler<DeclineAssignment, DeclineResult>
{
    public async Task<DeclineResult> Handle(DeclineAssignment request, CancellationToken ct)
    {
        var seat = await db.ExpertAssignments.VisibleTo(callers.Current).FirstOrDefaultAsync(a => a.Id == request.AssignmentId, ct)
                   ?? throw new NotFoundException($"评审席位 {request.AssignmentId} 不存在");
        if (seat.Status != ExpertAssignmentStatus.Assigned)
            throw new ConflictException(seat.Status == ExpertAssignmentStatus.Submitted ? "已提交评分，不能再回避。" : "该席位已回避。");
        var task = await db.HumanTasks.AsNoTracking().FirstAsync(t => t.Id == seat.PanelTaskId, ct);
        if (task.Status != HumanTaskStatus.Open) throw new ConflictException("该专家评审已结束。");
        var application = await db.Applications.FindAsync([seat.ApplicationId], ct)
                          ?? throw new NotFoundException($"申请 {seat.ApplicationId} 不存在");

        await ExpertPanels.DeclineAndReplaceAsync(db, application, seat, request.Reason!.Trim(), clock.GetUtcNow().UtcDateTime, ct);
        application.MoveTo(application.Status); // serialise with the panel's submissions (see SubmitScores)
        await db.SaveChangesAsync(ct);
        return new DeclineResult(seat.Id, seat.Status, true);
    }
}
