using System.Diagnostics;
using Certification.Domain.Applications;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Features.Reviews;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using Certification.Workflows.Runtime.Timers;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Benchmarks;

/// <summary>The last line <c>bench lifecycle</c> prints.</summary>
public sealed record LifecycleReport(
    int Applications, int Certified, int Rejected, int Lost, double Seconds, double LifecyclesPerSecond,
    double TransitionsPerSecond, double RawCommitsPerSecond, double EngineToRaw, double PeakWorkingSetMb);

/// <summary>
/// Runs N specialized-tier applications through the real MediatR pipeline and workflow runtime: submission (with
/// the criteria evaluation), preliminary review, formal review (every tenth rejected there, with a reason), three
/// expert sheets (the last one aggregates and resumes the panel), spot check (not sampled), publicity (its timer
/// made due by moving the clock, fired by the product's <see cref="TimerSweeper"/>) and certification. Each command
/// runs in its own scope as the caller whose business it is, like an HTTP request; each is one database commit.
/// </summary>
public sealed class LifecycleBenchmark(BenchHost host, int experts, int concurrency, TextWriter log, RoundTrips? roundTrips = null)
{
    private static readonly Caller Preliminary = new("bench-preliminary", Roles.Reviewer, "33", ReviewStage: Roles.Stages.Preliminary);
    private static readonly Caller Formal = new("bench-formal", Roles.Reviewer, "33", ReviewStage: Roles.Stages.Formal);

    private long _transitions;

    /// <summary>Commands committed so far by this process (<c>bench lifecycle --hosts</c> adds up every process's).</summary>
    public long Transitions => Interlocked.Read(ref _transitions);

    /// <summary>Seeds the drafts and an expert pool; returns the batch and its drafts.</summary>
    public async Task<(string BatchId, List<BenchApplication> Drafts)> SeedAsync(int applications)
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var setup = Stopwatch.StartNew();
        var (batchId, expertIds) = await IntakeSeeder.SeedBatchAndExpertsAsync(host.Services, Math.Max(experts * 4, 12), now, Domain.Time.ChinaTime.Today(host.Clock));
        var drafts = await IntakeSeeder.SeedDraftsAsync(host.Services, batchId, applications, now);
        await log.WriteLineAsync($"seeded {drafts.Count} drafts with their documents and {expertIds.Count} experts in {setup.Elapsed.TotalSeconds:F1} s");
        return (batchId, drafts);
    }

    /// <summary>Drives every draft through submission, reviews and the expert panel: each ends rejected or in publicity.</summary>
    public async Task DriveToPublicityAsync(IReadOnlyList<BenchApplication> drafts, CancellationToken ct = default)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < drafts.Count; i = Interlocked.Increment(ref next))
                await DriveAsync(drafts[i], ct);
        }, ct)).ToList();
        await Task.WhenAll(workers);
    }

    public async Task<LifecycleReport> RunAsync(int applications, CancellationToken ct = default)
    {
        var (batchId, drafts) = await SeedAsync(applications);

        using var process = Process.GetCurrentProcess();
        // The seeding's bulk writes are set-up, not the engine: their peak is reported apart and the mark reset.
        var setupPeak = PeakMemory.PeakMb(process);
        var phaseOnly = PeakMemory.TryReset();
        await log.WriteLineAsync(phaseOnly
            ? $"set-up peak working set {setupPeak:F1} MB; peakWorkingSetMb below covers submission to certification only"
            : $"set-up peak working set {setupPeak:F1} MB; the high-water mark could not be reset, so peakWorkingSetMb covers the set-up too");
        var cpuBefore = process.TotalProcessorTime;
        var measured = Stopwatch.StartNew();
        await DriveToPublicityAsync(drafts, ct);
        var driven = measured.Elapsed;

        // Every application not rejected now waits in publicity: move past its five working days and fire the timers.
        host.Clock.Advance(TimeSpan.FromDays(30));
        var sweeper = host.Services.GetRequiredService<TimerSweeper>();
        int fired;
        do
        {
            using var profiled = RoundTrips.For("TimerFired");
            var started = Stopwatch.GetTimestamp();
            fired = await sweeper.SweepAsync(500, ct);
            Interlocked.Add(ref _transitions, fired);
            for (var i = 0; i < fired; i++) roundTrips?.CountOperation("TimerFired", Stopwatch.GetElapsedTime(started) / fired);
        } while (fired > 0);
        var seconds = measured.Elapsed.TotalSeconds;
        var peak = PeakMemory.PeakMb(process);
        var cpu = process.TotalProcessorTime - cpuBefore;
        await log.WriteLineAsync($"driven to publicity in {driven.TotalSeconds:F1} s, timers fired in {seconds - driven.TotalSeconds:F1} s; " +
                                 $"{_transitions} transitions, process CPU {cpu.TotalMilliseconds / _transitions:F2} ms per transition");

        if (roundTrips is not null) await roundTrips.WriteAsync(log);
        var (certified, rejected) = await CountAsync(batchId, ct);
        var raw = await RawCommitBenchmark.RunAsync(host, TimeSpan.FromSeconds(3), ct);
        var transitionsPerSecond = _transitions / seconds;
        return new LifecycleReport(applications, certified, rejected, applications - certified - rejected,
            Math.Round(seconds, 2), Math.Round(applications / seconds, 1), Math.Round(transitionsPerSecond, 1), Math.Round(raw, 1),
            Math.Round(transitionsPerSecond / raw, 3), peak);
    }

    private async Task DriveAsync(BenchApplication draft, CancellationToken ct)
    {
        var enterprise = new Caller($"bench-enterprise-{draft.Index}", Roles.Enterprise, EnterpriseId: draft.EnterpriseId);
        await SendAsync(enterprise, new SubmitApplication(draft.ApplicationId, enterprise.UserName), ct);
        var preliminary = await OpenTaskAsync(draft.ApplicationId, ct);
        var formal = await SendAsync(Preliminary, new CompleteReviewTask(preliminary, "Recommended", null, Preliminary.UserName), ct);
        var reject = draft.Index % 10 == 9;
        var panel = await SendAsync(Formal, new CompleteReviewTask(formal.NextTaskIds.Single(), reject ? "Rejected" : "Passed",
            reject ? "基准测试：形式审查不通过" : null, Formal.UserName), ct);
        if (reject) return;
        var panelTask = panel.NextTaskIds.Single();
        foreach (var (seatId, expertId) in await SeatsAsync(panelTask, ct))
        {
            var expert = new Caller($"bench-expert-{expertId}", Roles.Expert, ExpertId: expertId);
            await SendAsync(expert, new SubmitScores(seatId, []), ct);
        }
    }

    private async Task<T> SendAsync<T>(Caller caller, IRequest<T> request, CancellationToken ct)
    {
        var name = request.GetType().Name;
        using var profiled = RoundTrips.For(name);
        var started = Stopwatch.GetTimestamp();
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Current = caller;
        var answer = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, ct);
        Interlocked.Increment(ref _transitions);
        roundTrips?.CountOperation(name, Stopwatch.GetElapsedTime(started));
        return answer;
    }

    /// <summary>What the reviewer's inbox shows for the application: its one open task.</summary>
    private async Task<string> OpenTaskAsync(string applicationId, CancellationToken ct)
    {
        using var profiled = RoundTrips.For("(inbox)");
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().HumanTasks.AsNoTracking()
            .Where(t => t.CorrelationId == applicationId && t.Status == HumanTaskStatus.Open)
            .Select(t => t.Id).SingleAsync(ct);
    }

    /// <summary>What each expert's list of seats shows for the panel task.</summary>
    private async Task<List<(string SeatId, string ExpertId)>> SeatsAsync(string panelTaskId, CancellationToken ct)
    {
        using var profiled = RoundTrips.For("(seats)");
        await using var scope = host.Services.CreateAsyncScope();
        var seats = await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().ExpertAssignments.AsNoTracking()
            .Where(a => a.PanelTaskId == panelTaskId).Select(a => new { a.Id, a.ExpertId }).ToListAsync(ct);
        return seats.Select(s => (s.Id, s.ExpertId)).ToList();
    }

    /// <summary>The batch's applications certified and rejected; any other status is logged as not finished.</summary>
    public async Task<(int Certified, int Rejected)> CountAsync(string batchId, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var counts = await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().Applications.AsNoTracking()
            .Where(a => a.BatchId == batchId).GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var other in counts.Where(c => c.Key is not (ApplicationStatus.Certified or ApplicationStatus.Rejected)))
            await log.WriteLineAsync($"not finished: {other.Count} in {other.Key}");
        return (counts.FirstOrDefault(c => c.Key == ApplicationStatus.Certified)?.Count ?? 0,
            counts.FirstOrDefault(c => c.Key == ApplicationStatus.Rejected)?.Count ?? 0);
    }
}
