using System.Text.Json.Nodes;
using Certification.Domain.Applications;
using Certification.Domain.Review;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Tasks;

/// <summary>An inbox item as officers and experts see it.</summary>
/// <param name="Outcomes">Only on the single-task view of an open task: the outcomes it may be completed with.</param>
/// <param name="Data">Only on the single-task view of an open task: the activity's parameters (level, quota, panel size …).</param>
/// <param name="Panel">Expert-panel tasks: how far the panel is, never who sits on it.</param>
public sealed record TaskView(
    string Id,
    string InstanceId,
    string? ApplicationId,
    string Title,
    string ActivityType,
    string Stage,
    string Role,
    string RoleLabel,
    string? Region,
    string? Assignee,
    string? FormKey,
    string Status,
    string? Outcome,
    string? OutcomeLabel,
    DateTimeOffset? DueAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    TaskApplication? Application,
    PanelProgress? Panel,
    IReadOnlyList<string>? Outcomes = null,
    JsonObject? Data = null);

public sealed record TaskApplication(string Id, string EnterpriseName, string Tier, string Status, string StatusLabel);

public sealed record PanelProgress(int Size, int Seated, int Submitted, int Declined);

internal static class TaskViews
{
    public static async Task<List<TaskView>> BuildAsync(CertificationDbContext db, IReadOnlyList<HumanTaskRecord> tasks, CancellationToken ct)
    {
        var applicationIds = tasks.Select(t => t.CorrelationId).OfType<string>().Distinct().ToList();
        var applications = await db.Applications.AsNoTracking().Where(a => applicationIds.Contains(a.Id))
            .Join(db.Enterprises, a => a.EnterpriseId, e => e.Id, (a, e) => new { a.Id, e.Name, a.Tier, a.Status })
            .ToDictionaryAsync(x => x.Id, ct);
        var panelTaskIds = tasks.Where(t => t.Role == LifecycleData.ExpertPanelRole).Select(t => t.Id).ToList();
        var seats = panelTaskIds.Count == 0
            ? []
            : await db.ExpertAssignments.AsNoTracking().Where(a => panelTaskIds.Contains(a.PanelTaskId))
                .Select(a => new { a.PanelTaskId, a.Status }).ToListAsync(ct);
        var panelSizes = new Dictionary<string, int>();
        foreach (var task in tasks.Where(t => t.Role == LifecycleData.ExpertPanelRole && t.Status == HumanTaskStatus.Open))
        {
            var spec = await db.OpenTaskSpecAsync(task, ct);
            if (spec?.Data?["panelSize"] is JsonValue v && v.TryGetValue<int>(out var size)) panelSizes[task.Id] = size;
        }

        return tasks.Select(t =>
        {
            var application = t.CorrelationId is { } id && applications.TryGetValue(id, out var a)
                ? new TaskApplication(a.Id, a.Name, a.Tier, a.Status, ApplicationStatus.Label(a.Status))
                : null;
            PanelProgress? panel = null;
            if (t.Role == LifecycleData.ExpertPanelRole)
            {
                var own = seats.Where(s => s.PanelTaskId == t.Id).ToList();
                var active = own.Count(s => s.Status != ExpertAssignmentStatus.Declined);
                panel = new PanelProgress(panelSizes.GetValueOrDefault(t.Id, active), active,
                    own.Count(s => s.Status == ExpertAssignmentStatus.Submitted), own.Count(s => s.Status == ExpertAssignmentStatus.Declined));
            }
            return new TaskView(
                t.Id, t.InstanceId, t.CorrelationId, t.Title, t.ActivityType, LifecycleText.ActivityType(t.ActivityType),
                t.Role, LifecycleText.Role(t.Role), t.Region, t.Assignee, t.FormKey, t.Status, t.Outcome,
                t.Outcome is null ? null : LifecycleText.Outcome(t.Outcome),
                LifecycleData.Utc(t.DueAt), LifecycleData.Utc(t.CreatedAt), LifecycleData.Utc(t.CompletedAt), t.CompletedBy,
                application, panel);
        }).ToList();
    }
}
