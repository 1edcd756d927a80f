using Certification.Domain.Applications;
using Certification.Domain.Review;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Lifecycle;

/// <summary>How many seats a panel task has, and why it has fewer than it needs (null when full).</summary>
public sealed record PanelSeating(int PanelSize, int Seated, string? Shortfall);

/// <summary>
/// Seats expert panels on their workflow task (an <c>expert-panel</c> task of <c>Certification.ExpertScoring</c>):
/// one <see cref="ExpertAssignment"/> per seat, keyed to the task id. Draws use <see cref="ExpertPanelDrawer"/> over
/// the whole pool with the application's seed (<see cref="LifecycleData.PanelSeed"/>), so the same pool gives the
/// same panel again: a re-scoring after a chair ruling or an upheld objection meets the same experts, and the chair
/// ruling (a panel of one) falls to the first-ranked expert, who chaired the panel. Experts who declined a seat of
/// the application are never drawn for it again.
/// </summary>
public static class ExpertPanels
{
    /// <summary>
    /// Tops the task's panel up to <paramref name="panelSize"/> seats. When the pool has too few eligible experts
    /// it seats as many as there are and reports the shortfall: the task stays open, and an administrator adds
    /// experts to the pool and fills the panel again (POST /api/expert-panels/{taskId}/fill).
    /// </summary>
    public static async Task<PanelSeating> SeatAsync(CertificationDbContext db, Application application, string taskId, int panelSize,
        DateTime now, CancellationToken ct = default)
    {
        var seats = await SeatsOfApplicationAsync(db, application.Id, ct);
        var active = seats.Where(s => s.PanelTaskId == taskId && s.Status != ExpertAssignmentStatus.Declined).ToList();
        var missing = panelSize - active.Count;
        if (missing <= 0) return new PanelSeating(panelSize, active.Count, null);

        var (drawer, request) = await DrawerAsync(db, application, seats, ct);
        request = request with
        {
            PanelSize = missing,
            ExcludedExpertIds = request.ExcludedExpertIds.Concat(active.Select(s => s.ExpertId)).Distinct().ToArray(),
        };
        var result = drawer.Draw(request);
        string? shortfall = null;
        if (!result.IsSuccess)
        {
            shortfall = result.Failure.Message;
            if (result.Failure.Available == 0) return new PanelSeating(panelSize, active.Count, shortfall);
            result = drawer.Draw(request with { PanelSize = result.Failure.Available });
            if (!result.IsSuccess) return new PanelSeating(panelSize, active.Count, shortfall);
        }

        var first = active.Count == 0;
        foreach (var (member, index) in result.Panel.Members.Select((m, i) => (m, i)))
        {
            // The first-ranked expert of a fresh panel chairs it (and, alone, is the chair ruling).
            db.ExpertAssignments.Add(ExpertAssignment.Assign(
                NewId(), application.Id, taskId, member.Expert.Id, isChair: first && index == 0, now));
        }
        return new PanelSeating(panelSize, active.Count + result.Panel.Members.Count, shortfall);
    }

    /// <summary>
    /// Declines a seat and seats a substitute drawn under the same rules (<see cref="ExpertPanelDrawer.Replace"/>);
    /// the substitute takes over the chair when the decliner held it. Refused (409) when no expert can substitute:
    /// the seat is then kept, so the panel never silently shrinks.
    /// </summary>
    public static async Task<ExpertAssignment> DeclineAndReplaceAsync(CertificationDbContext db, Application application, ExpertAssignment seat,
        string reason, DateTime now, CancellationToken ct = default)
    {
        var seats = await SeatsOfApplicationAsync(db, application.Id, ct);
        var (drawer, request) = await DrawerAsync(db, application, seats, ct);
        var pool = drawer.Pool.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var members = seats
            .Where(s => s.PanelTaskId == seat.PanelTaskId && s.Status != ExpertAssignmentStatus.Declined)
            .Select(s => pool.TryGetValue(s.ExpertId, out var expert) ? new PanelMember(expert, false) : null)
            .OfType<PanelMember>()
            .ToList();
        var panel = new ExpertPanel(request with { PanelSize = Math.Max(1, members.Count) }, members, []);
        var replacement = drawer.Replace(panel, seat.ExpertId, reason);
        if (!replacement.IsSuccess)
            throw new ConflictException($"没有可替补的专家，暂不能回避：{replacement.Failure.Message}请联系管理员补充专家库后再试。");

        seat.Decline(reason);
        var substitute = ExpertAssignment.Assign(NewId(), application.Id, seat.PanelTaskId, replacement.Substitute.Expert.Id, seat.IsChair, now);
        db.ExpertAssignments.Add(substitute);
        return substitute;
    }

    /// <summary>Every seat of an application, including seats added in this unit of work.</summary>
    public static async Task<List<ExpertAssignment>> SeatsOfApplicationAsync(CertificationDbContext db, string applicationId, CancellationToken ct = default)
    {
        var stored = await db.ExpertAssignments.Where(a => a.ApplicationId == applicationId).ToListAsync(ct);
        return stored.Concat(db.ExpertAssignments.Local.Where(a => a.ApplicationId == applicationId)).Distinct().ToList();
    }

    private static async Task<(ExpertPanelDrawer Drawer, PanelDrawRequest Request)> DrawerAsync(
        CertificationDbContext db, Application application, IReadOnlyList<ExpertAssignment> seats, CancellationToken ct)
    {
        var enterprise = await db.Enterprises.FindAsync([application.EnterpriseId], ct)
                         ?? throw new NotFoundException($"申请 {application.Id} 的企业 {application.EnterpriseId} 不存在");
        var pool = (await db.Experts.AsNoTracking().ToListAsync(ct)).Select(e => e.ToExpert());
        var request = new PanelDrawRequest
        {
            ApplicationId = application.Id,
            TierCode = application.Tier,
            EnterpriseCreditCode = enterprise.CreditCode,
            EnterpriseRegionCode = enterprise.RegionCode,
            ExcludedExpertIds = seats.Where(s => s.Status == ExpertAssignmentStatus.Declined).Select(s => s.ExpertId).Distinct().ToArray(),
            Seed = LifecycleData.PanelSeed(application.Id),
        };
        return (new ExpertPanelDrawer(pool), request);
    }

    private static string NewId() => Guid.CreateVersion7().ToString("D");
}
