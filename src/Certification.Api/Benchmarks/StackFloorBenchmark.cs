using System.Diagnostics;
using Certification.Workflows.Access;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Benchmarks;

/// <summary>How much a <see cref="FloorCommand"/> does beyond the pipeline.</summary>
public enum FloorLevel
{
    /// <summary>Nothing: a scope, the mediator and its behaviours (audit naming, access, validation), a handler.</summary>
    Empty,
    /// <summary>One EF Core read of an application's revision by primary key, untracked.</summary>
    Read,
    /// <summary>The application read tracked, touched (its revision moves) and saved: one commit with its audit entry.</summary>
    Write,
}

/// <summary>The cheapest command at each level the product's stack can carry; it exists for <c>bench floor</c> only.</summary>
[AllowedCallers(Roles.Reviewer)]
public sealed record FloorCommand(string ApplicationId, FloorLevel Level) : IRequest<int>;

public sealed class FloorCommandHandler(CertificationDbContext db) : IRequestHandler<FloorCommand, int>
{
    public async Task<int> Handle(FloorCommand request, CancellationToken ct)
    {
        switch (request.Level)
        {
            case FloorLevel.Empty:
                return 0;
            case FloorLevel.Read:
                return await db.Applications.AsNoTracking().Where(a => a.Id == request.ApplicationId).Select(a => a.Revision).FirstAsync(ct);
            default:
                var application = await db.Applications.FirstAsync(a => a.Id == request.ApplicationId, ct);
                application.MoveTo(application.Status);
                return await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>One level's numbers.</summary>
public sealed record FloorLevelReport(string Level, int Commands, double Seconds, double CommandsPerSecond, double CpuMsPerCommand, double ToRaw);

/// <summary>The last line <c>bench floor</c> prints.</summary>
public sealed record FloorReport(double RawCommitsPerSecond, IReadOnlyList<FloorLevelReport> Levels);

/// <summary>
/// What the product's stack costs before any business rule runs: commands that do nothing, read one row, or touch one
/// row and commit, each through the same DI scope, MediatR pipeline, DbContext pool and SQLite settings as the
/// lifecycle's commands, at the concurrency given (pass the same to both), beside the raw commit floor <c>engineToRaw</c> divides by. A lifecycle
/// transition does several reads and a commit of many rows, so it cannot be cheaper than the <see cref="FloorLevel.Write"/>
/// level here: that level's ratio to the raw floor bounds what <c>bench lifecycle</c>'s <c>engineToRaw</c> can reach.
/// </summary>
public sealed class StackFloorBenchmark(BenchHost host, int concurrency, TextWriter log)
{
    private static readonly Caller Reviewer = new("bench-floor", Roles.Reviewer, "33", ReviewStage: Roles.Stages.Preliminary);

    public static void Register(IServiceCollection services) =>
        services.AddScoped<IRequestHandler<FloorCommand, int>, FloorCommandHandler>();

    public async Task<FloorReport> RunAsync(int commands, CancellationToken ct = default)
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var (batchId, _) = await IntakeSeeder.SeedBatchAndExpertsAsync(host.Services, 1, now, Domain.Time.ChinaTime.Today(host.Clock));
        var drafts = await IntakeSeeder.SeedDraftsAsync(host.Services, batchId, Math.Min(commands, 2000), now);
        await log.WriteLineAsync($"seeded {drafts.Count} drafts; {commands} commands per level, {concurrency} concurrent callers");

        // A first pass of every level warms the JIT and the query caches; the second pass is the one reported.
        foreach (var level in Enum.GetValues<FloorLevel>()) await RunLevelAsync(level, drafts, Math.Min(commands, 500), ct);
        var raw = await RawCommitBenchmark.RunAsync(host, TimeSpan.FromSeconds(3), ct);
        var levels = new List<FloorLevelReport>();
        foreach (var level in Enum.GetValues<FloorLevel>())
        {
            var (seconds, cpu) = await RunLevelAsync(level, drafts, commands, ct);
            var perSecond = commands / seconds;
            levels.Add(new FloorLevelReport(level.ToString(), commands, Math.Round(seconds, 2), Math.Round(perSecond, 1),
                Math.Round(cpu.TotalMilliseconds / commands, 3), Math.Round(perSecond / raw, 3)));
            await log.WriteLineAsync($"{level,-6} {perSecond,9:F1} commands/s, process CPU {cpu.TotalMilliseconds / commands:F3} ms per command");
        }
        return new FloorReport(Math.Round(raw, 1), levels);
    }

    private async Task<(double Seconds, TimeSpan Cpu)> RunLevelAsync(FloorLevel level, IReadOnlyList<BenchApplication> drafts, int commands, CancellationToken ct)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < commands; i = Interlocked.Increment(ref next))
            {
                await using var scope = host.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CallerContext>().Current = Reviewer;
                // Callers work on different rows, as the lifecycle's do.
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FloorCommand(drafts[i % drafts.Count].ApplicationId, level), ct);
            }
        }, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (seconds, process.TotalProcessorTime - cpuBefore);
    }
}
