using System.Text;
using Certification.Domain.Criteria;
using Certification.Domain.Documents;
using Certification.Domain.Regions;
using Certification.Domain.Review;
using Certification.Domain.Time;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Features.Documents;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Workflows.Features.Demo;

/// <summary>
/// Gives the demo accounts something to do in seeded data, through the features: the demo enterprise a draft it can
/// complete (one required document still missing), the demo expert a seat on an open panel. Idempotent: run at every
/// Development start.
/// </summary>
public static class DemoWork
{
    /// <summary>A profile and a draft in an open innovative batch covering the enterprise (opened when there is none), unless it has an application already.</summary>
    /// <returns>The draft's id, or null when the enterprise has an application already.</returns>
    public static async Task<string?> EnsureDraftAsync(IServiceProvider services, string enterpriseId, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        if (await db.Applications.AnyAsync(a => a.EnterpriseId == enterpriseId, ct)) return null;
        var region = await db.Enterprises.Where(e => e.Id == enterpriseId).Select(e => e.RegionCode).FirstAsync(ct);
        var today = ChinaTime.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
        var batches = await db.Batches.AsNoTracking().Where(b => b.Tier == "innovative" && b.OpensOn <= today && b.ClosesOn >= today).ToListAsync(ct);
        var batchId = batches.Where(b => b.Covers(region)).OrderByDescending(b => b.RegionPrefix.Length).Select(b => b.Id).FirstOrDefault();
        var criteria = CriteriaCatalog.LoadBuiltIn();
        // None open there: the province opens one, as it does every year.
        batchId ??= (await mediator.Send(new CreateBatch($"{today.Year}年{Provinces.NameOf(region) ?? region[..2]}{criteria.Default.FindTier("innovative")?.Name}申报（本期）",
            "innovative", region[..2], today.AddDays(-1), today.AddDays(60)), ct)).Id;
        await mediator.Send(new UpdateEnterpriseProfile(enterpriseId, DemoProfiles.Make(new Random(7), criteria, "innovative", today)), ct);
        var draft = await mediator.Send(new CreateApplication(enterpriseId, batchId), ct);
        foreach (var item in MaterialChecklist.For("innovative").Where(m => m.Required).SkipLast(1))
            await mediator.Send(new UploadDocument(draft.Id, item.Code, item.Name + ".pdf", Pdf(item.Name), "enterprise"), ct);
        return draft.Id;
    }

    /// <summary>
    /// A seat for the expert on an open panel: when it holds none, other members of an open panel decline (时间冲突) one
    /// after another until the draw seats this expert as a substitute (those who declined are out of that
    /// application's draws, so this ends), as it would happen in practice.
    /// </summary>
    public static async Task<bool> EnsureSeatAsync(IServiceProvider services, string expertId, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
            var openPanels = db.HumanTasks.Where(t => t.Status == HumanTaskStatus.Open && t.ActivityType == "Certification.ExpertScoring").Select(t => t.Id);
            if (await db.ExpertAssignments.AnyAsync(s => s.ExpertId == expertId && s.Status == ExpertAssignmentStatus.Assigned && openPanels.Contains(s.PanelTaskId), ct))
                return true;
            var seat = await db.ExpertAssignments.AsNoTracking()
                .Where(s => s.Status == ExpertAssignmentStatus.Assigned && openPanels.Contains(s.PanelTaskId)
                            && !db.ExpertAssignments.Any(o => o.ApplicationId == s.ApplicationId && o.ExpertId == expertId))
                .OrderBy(s => s.PanelTaskId).ThenBy(s => s.Id).Select(s => s.Id).FirstOrDefaultAsync(ct);
            if (seat is null) return false;
            try
            {
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DeclineAssignment(seat, "时间冲突，申请回避"), ct);
            }
            catch (ConflictException)
            {
                return false; // no substitute left in the pool
            }
        }
        return false;
    }

    internal static byte[] Pdf(string title) => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
        $"% demo {Convert.ToHexString(Encoding.UTF8.GetBytes(title))}\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}
