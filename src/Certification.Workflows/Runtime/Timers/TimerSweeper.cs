using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Workflows.Runtime.Timers;

/// <summary>
/// Fires due durable timers (Delay, StartAt, publicity end, expiry reminders). Safe with several host processes
/// on one database: a due timer is first claimed with a short lease (a conditional UPDATE only one process can win),
/// and the step itself commits only if the instance's revision is unchanged, so a timer fires exactly once even if
/// a lease expires while its owner is still working. A process that dies holding a lease leaves the timer to be
/// picked up again when the lease runs out.
/// </summary>
public sealed class TimerSweeper(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Who holds a lease: this process (the lease column holds 64 characters).</summary>
    public string Owner { get; } = Truncate($"{Environment.ProcessId}:{Guid.NewGuid():N}:{Environment.MachineName}", 64);
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Fires up to <paramref name="max"/> due timers; returns how many this process fired.</summary>
    public async Task<int> SweepAsync(int max = 100, CancellationToken ct = default)
    {
        List<string> due;
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
            due = await db.Bookmarks
                .Where(b => b.Kind == "Timer" && b.DueAt <= now && (b.LeaseUntil == null || b.LeaseUntil < now))
                .OrderBy(b => b.DueAt)
                .Select(b => b.Id)
                .Take(max)
                .ToListAsync(ct);
        }

        var fired = 0;
        foreach (var id in due)
        {
            ct.ThrowIfCancellationRequested();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
            var leaseUntil = clock.GetUtcNow().UtcDateTime + Lease;
            var claimed = await db.Bookmarks
                .Where(b => b.Id == id && (b.LeaseUntil == null || b.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseOwner, Owner).SetProperty(b => b.LeaseUntil, leaseUntil), ct);
            if (claimed == 0) continue;
            // The step is audited as the system's; the lease claim above is bookkeeping of the sweep, not a change of record.
            using var named = scope.ServiceProvider.GetRequiredService<Audit.AuditTrail>().Name("TimerFired", new System.Text.Json.Nodes.JsonObject { ["bookmarkId"] = id }.ToJsonString(Audit.AuditTrail.StoredJson));
            try
            {
                var answer = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>()
                    .ResumeAsync(id, payload: null, actor: "system:timer", ct);
                if (answer.Applied) fired++;
            }
            catch (ConflictException)
            {
                // Another process committed this instance's step first: the timer has fired, once, elsewhere.
            }
        }
        return fired;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
