using Certification.Domain.Review;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Experts;

/// <summary>
/// The score sheet of one seat: the dossier's computed indicator scores with their reasons and, once submitted, the
/// expert's own scores. The other members' sheets (scores and comments, anonymous: "专家 1", "专家 2" in order of
/// total) appear only after this seat has submitted. A chair ruling alone on a panel of one sees the divergent
/// panel's sheets, anonymous, before ruling.
/// </summary>
[AllowedCallers(Roles.Expert, Roles.Admin)]
public sealed record GetScoreSheet(string AssignmentId) : IRequest<ScoreSheetView>;

public sealed record ScoreSheetView(
    string AssignmentId,
    string ApplicationId,
    string EnterpriseName,
    string Tier,
    string Stage,
    bool IsChair,
    string Status,
    DateTimeOffset? DueAt,
    IReadOnlyList<SheetIndicator> Indicators,
    decimal? Total,
    IReadOnlyList<AnonymousSheet>? OtherExperts,
    IReadOnlyList<AnonymousSheet>? PanelUnderRuling);

public sealed record AnonymousSheet(string Label, decimal Total, IReadOnlyList<AnonymousScore> Indicators);

public sealed record AnonymousScore(string Code, decimal? Score, string? Comment);

public sealed class GetScoreSheetHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<GetScoreSheet, ScoreSheetView>
{
    public async Task<ScoreSheetView> Handle(GetScoreSheet request, CancellationToken ct)
    {
        var seat = await db.ExpertAssignments.AsNoTracking().VisibleTo(callers.Current).FirstOrDefaultAsync(a => a.Id == request.AssignmentId, ct)
                   ?? throw new NotFoundException($"评审席位 {request.AssignmentId} 不存在");
        var task = await db.HumanTasks.AsNoTracking().FirstAsync(t => t.Id == seat.PanelTaskId, ct);
        var application = await db.Applications.AsNoTracking().FirstAsync(a => a.Id == seat.ApplicationId, ct);
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Id == application.EnterpriseId).Select(e => e.Name).FirstAsync(ct);

        var submitted = seat.Status == ExpertAssignmentStatus.Submitted;
        IReadOnlyList<SheetIndicator> indicators = submitted
            ? ScoreSheets.Read(seat.ScoreSheetJson)
            : ScoreSheets.Blank(LifecycleData.ReadEvaluation((await db.LatestSubmissionAsync(application, ct))?.EvaluationJson));

        var panel = await db.ExpertAssignments.AsNoTracking().Where(a => a.ApplicationId == seat.ApplicationId).ToListAsync(ct);
        IReadOnlyList<AnonymousSheet>? others = submitted
            ? Anonymous(panel.Where(a => a.PanelTaskId == seat.PanelTaskId && a.Id != seat.Id && a.Status == ExpertAssignmentStatus.Submitted))
            : null;

        IReadOnlyList<AnonymousSheet>? underRuling = null;
        var activeSeats = panel.Count(a => a.PanelTaskId == seat.PanelTaskId && a.Status != ExpertAssignmentStatus.Declined);
        if (seat.IsChair && activeSeats == 1)
        {
            var previous = panel
                .Where(a => a.PanelTaskId != seat.PanelTaskId && a.Status == ExpertAssignmentStatus.Submitted && a.AssignedAt <= seat.AssignedAt)
                .GroupBy(a => a.PanelTaskId)
                .Where(g => g.Count() > 1)
                .MaxBy(g => g.Max(a => a.SubmittedAt));
            if (previous is not null) underRuling = Anonymous(previous);
        }

        return new ScoreSheetView(seat.Id, application.Id, enterprise, application.Tier, task.Title, seat.IsChair, seat.Status,
            LifecycleData.Utc(task.DueAt), indicators, seat.Total, others, underRuling);
    }

    private static List<AnonymousSheet> Anonymous(IEnumerable<ExpertAssignment> seats) =>
        seats.OrderByDescending(a => a.Total).ThenBy(a => a.SubmittedAt)
            .Select((a, i) => new AnonymousSheet($"专家 {i + 1}", a.Total ?? 0,
                ScoreSheets.Read(a.ScoreSheetJson).Select(x => new AnonymousScore(x.Code, x.Score, x.Comment)).ToList()))
            .ToList();
}
