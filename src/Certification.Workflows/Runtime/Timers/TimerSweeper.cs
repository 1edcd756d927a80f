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
            if (!await ClaimAsync(id, now, ct)) continue;
            if (await FireAsync(id, ct)) fired++;
        }
        return fired;
    }

    /// <summary>The conditional UPDATE only one process wins: the lease is taken if nobody holds it or it ran out.</summary>
    private async Task<bool> ClaimAsync(string id, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var leaseUntil = clock.GetUtcNow().UtcDateTime + Lease;
        return await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().Steps.ClaimTimerAsync(id, Owner, now, leaseUntil, ct);
    }

    /// <summary>Runs the timer's step; false when another process committed this instance's step first.</summary>
    private async Task<bool> FireAsync(string id, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            // The step is audited as the system's, naming the process that fired it; the lease claim is bookkeeping of
            // the sweep, not a change of record.
            using var named = scope.ServiceProvider.GetRequiredService<Audit.AuditTrail>().Name("TimerFired",
                new System.Text.Json.Nodes.JsonObject { ["bookmarkId"] = id, ["sweeper"] = Owner }.ToJsonString(Audit.AuditTrail.StoredJson));
            try
            {
                return (await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().ResumeAsync(id, payload: null, actor: "system:timer", ct)).Applied;
            }
            catch (ConflictException)
            {
                // Another process committed this instance's step first: the timer has fired, once, elsewhere.
                return false;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another host committed a value this step also computed, on another instance: typically the next
                // certificate number when two hosts certify at once (unique index). Nothing of the step was saved and
                // the lease is still ours: run it again on what is committed now.
            }
        }
    }

    private const int MaxAttempts = 3;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
