using System.Text.Json.Nodes;
using Certification.Domain.Dynamic;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Audit;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Workflows.Features.ReEvaluations;

/// <summary>
/// Opens the re-evaluation (复核) of every valid title that comes within <c>Dynamic:ReEvaluationLeadDays</c> (default
/// 90) of its expiry: a <see cref="ReEvaluation"/> row and an instance of the <c>re-evaluation</c> workflow, in one
/// commit, which then waits for the enterprise's data. The host's background sweep calls it; several hosts may: the
/// unique title index lets only one of them open a title's re-evaluation.
/// </summary>
public sealed class ReEvaluationOpener(IServiceScopeFactory scopes, TimeProvider clock, DynamicSettings settings)
{
    public const string DefinitionId = "re-evaluation";

    /// <summary>Opens up to <paramref name="max"/> due re-evaluations; returns how many this call opened.</summary>
    public async Task<int> OpenDueAsync(int max = 100, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var horizon = today.AddDays(settings.ReEvaluationLeadDays);
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
            due = await db.Titles.AsNoTracking()
                .Where(t => t.Status == TitleStatus.Valid && t.ValidUntil >= today && t.ValidUntil <= horizon
                            && !db.ReEvaluations.Any(r => r.TitleId == t.Id))
                .OrderBy(t => t.ValidUntil)
                .Select(t => t.Id)
                .Take(max)
                .ToListAsync(ct);
        }

        var opened = 0;
        foreach (var titleId in due)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if (await OpenAsync(titleId, ct)) opened++;
            }
            catch (Exception e) when (e is DbUpdateException or Mediation.NotFoundException or NotStartedException)
            {
                // Another host opened this title's re-evaluation first, or the definition is not in service (retracted
                // or faulting): nothing was committed, and the title is tried again on the next sweep.
            }
        }
        return opened;
    }

    private async Task<bool> OpenAsync(string titleId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        using var named = scope.ServiceProvider.GetRequiredService<AuditTrail>()
            .Name("OpenReEvaluation", new JsonObject { ["titleId"] = titleId }.ToJsonString(AuditTrail.StoredJson));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var title = await db.Titles.FirstOrDefaultAsync(t => t.Id == titleId, ct);
        if (title is null || title.Status != TitleStatus.Valid || await db.ReEvaluations.AnyAsync(r => r.TitleId == titleId, ct)) return false;
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == title.EnterpriseId, ct);
        if (enterprise is null) return false;

        var now = clock.GetUtcNow().UtcDateTime;
        var review = ReEvaluation.Open(Guid.CreateVersion7().ToString("D"), title.Id, enterprise.Id, enterprise.RegionCode, title.Tier, title.ValidUntil, now);
        db.ReEvaluations.Add(review);
        await db.SaveChangesAsync(ct);
        var input = new JsonObject
        {
            ["titleId"] = title.Id,
            ["reEvaluationId"] = review.Id,
            ["enterpriseId"] = enterprise.Id,
            ["regionCode"] = enterprise.RegionCode,
            ["tier"] = title.Tier,
            ["leadDays"] = settings.ReEvaluationLeadDays,
        };
        var started = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync(DefinitionId, input, title.Id, "system:re-evaluation", ct);
        if (started.Status == nameof(Engine.Execution.WorkflowStatus.Faulted)) throw new NotStartedException();
        review.AttachWorkflow(started.InstanceId!);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The workflow faulted on start: nothing is committed.</summary>
    private sealed class NotStartedException : Exception;
}
