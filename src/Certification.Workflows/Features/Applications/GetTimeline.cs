using Certification.Domain.Applications;
using Certification.Domain.Review;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Applications;

/// <summary>
/// What happened to an application and what it waits for, in plain Chinese: the steps of its workflow journal
/// (certification steps and the end of the flow; technical steps such as counters and branches are left out)
/// merged with the review decisions — a decision's reason is shown on the step it decided — ordered by time; then
/// the open tasks: from whom (role, region) something is awaited, and until when. Expert panels appear as
/// "评审专家组", never by name.
/// </summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Expert, Roles.Admin, Roles.Regulator)]
public sealed record GetTimeline(string ApplicationId) : IRequest<ApplicationTimeline>;

public sealed record ApplicationTimeline(
    string ApplicationId,
    string Status,
    string StatusLabel,
    string? DecisionReason,
    IReadOnlyList<TimelineEntry> Entries,
    IReadOnlyList<AwaitedTask> Awaiting);

/// <param name="Kind"><c>workflow</c> (a journal line) or <c>decision</c> (a review decision without a journal line of its own).</param>
public sealed record TimelineEntry(
    DateTimeOffset At,
    string Kind,
    string Step,
    string? Outcome,
    string? OutcomeLabel,
    string Actor,
    string? Message,
    string? Reason);

public sealed record AwaitedTask(
    string TaskId,
    string Title,
    string Role,
    string RoleLabel,
    string? Region,
    DateTimeOffset? DueAt,
    string Description);

public sealed class GetTimelineHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<GetTimeline, ApplicationTimeline>
{
    private static readonly HashSet<string> ShownElsaTypes = ["Elsa.Finish"];

    public async Task<ApplicationTimeline> Handle(GetTimeline request, CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().VisibleTo(callers.Current, db).FirstOrDefaultAsync(a => a.Id == request.ApplicationId, ct)
                          ?? throw new NotFoundException($"申请 {request.ApplicationId} 不存在");
        var instanceIds = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.CorrelationId == application.Id || i.Id == application.WorkflowInstanceId)
            .Select(i => i.Id).ToListAsync(ct);
        var journal = await db.JournalEntries.AsNoTracking()
            .Where(j => instanceIds.Contains(j.InstanceId))
            .OrderBy(j => j.At).ThenBy(j => j.Sequence)
            .ToListAsync(ct);
        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.ApplicationId == application.Id)
            .OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).ToListAsync(ct);

        var entries = new List<(TimelineEntry Entry, long Order)>();
        var unmatched = decisions.ToList();
        foreach (var line in journal.Where(Shown))
        {
            var outcome = line.Outcome;
            // The decision this journal line carried out: same outcome, same person, within a few seconds.
            var decision = line.Outcome is { } o && o != "Suspended"
                ? unmatched.FirstOrDefault(d => d.Outcome == o && SameActor(d.DecidedBy, line.Actor)
                                                && Math.Abs((d.DecidedAt - line.At).TotalSeconds) <= 5)
                : null;
            if (decision is not null) unmatched.Remove(decision);
            entries.Add((new TimelineEntry(
                LifecycleData.Utc(line.At), "workflow",
                string.IsNullOrWhiteSpace(line.ActivityName) ? LifecycleText.ActivityType(line.ActivityType) : line.ActivityName,
                outcome, LifecycleText.Outcome(outcome), outcome == "Suspended" ? LifecycleText.Actor(null) : LifecycleText.Actor(line.Actor),
                PlainMessage(line), decision?.Reason), line.At.Ticks));
        }
        foreach (var d in unmatched)
        {
            entries.Add((new TimelineEntry(LifecycleData.Utc(d.DecidedAt), "decision", d.Stage, d.Outcome, LifecycleText.Outcome(d.Outcome),
                LifecycleText.Actor(d.DecidedBy), null, d.Reason), d.DecidedAt.Ticks));
        }

        var open = await db.HumanTasks.AsNoTracking()
            .Where(t => instanceIds.Contains(t.InstanceId) && t.Status == HumanTaskStatus.Open)
            .OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
            .ToListAsync(ct);
        var openIds = open.Select(t => t.Id).ToList();
        var seats = await db.ExpertAssignments.AsNoTracking().Where(a => openIds.Contains(a.PanelTaskId))
            .Select(a => new { a.PanelTaskId, a.Status }).ToListAsync(ct);
        var awaiting = open.Select(t =>
        {
            var who = LifecycleText.Role(t.Role);
            if (t.Role == LifecycleData.ExpertPanelRole)
            {
                var own = seats.Where(s => s.PanelTaskId == t.Id && s.Status != ExpertAssignmentStatus.Declined).ToList();
                who += $"（已提交 {own.Count(s => s.Status == ExpertAssignmentStatus.Submitted)}/{own.Count} 份评分）";
            }
            else if (!string.IsNullOrEmpty(t.Assignee)) who += $"（{t.Assignee}）";
            var where = string.IsNullOrEmpty(t.Region) ? "" : $"，地区 {t.Region}";
            var due = t.DueAt is { } at ? $"，期限 {LifecycleText.BeijingTime(at)}（北京时间）" : "";
            return new AwaitedTask(t.Id, t.Title, t.Role, LifecycleText.Role(t.Role), t.Region, LifecycleData.Utc(t.DueAt),
                $"等待{who}办理“{t.Title}”{where}{due}");
        }).ToList();

        return new ApplicationTimeline(application.Id, application.Status, ApplicationStatus.Label(application.Status), application.DecisionReason,
            entries.OrderBy(e => e.Order).Select(e => e.Entry).ToList(), awaiting);
    }

    /// <summary>Certification steps and the end of the flow; not counters, branches, starts and path ends.</summary>
    private static bool Shown(JournalEntryRecord line) =>
        line.ActivityType.StartsWith("Certification.", StringComparison.Ordinal)
        || ShownElsaTypes.Contains(line.ActivityType)
        || line.Outcome is "Finished" or "Faulted";

    /// <summary>
    /// The messages activities write (测算结果, 不予认定的理由, 公示期满 …); not the engine's generic lines about waits and
    /// completed tasks, which carry codes and UTC times and say nothing the step, outcome and actor do not.
    /// </summary>
    private static string? PlainMessage(JournalEntryRecord line) =>
        line.Outcome == "Suspended" || string.IsNullOrWhiteSpace(line.Message)
        || line.Message.StartsWith("任务「", StringComparison.Ordinal)
        || line.Message.StartsWith("等待", StringComparison.Ordinal)
        || line.Message.StartsWith("定时到期", StringComparison.Ordinal)
            ? null
            : line.Message;

    private static bool SameActor(string decidedBy, string? actor) => string.Equals(decidedBy, actor ?? "", StringComparison.Ordinal);
}
