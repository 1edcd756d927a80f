using System.Diagnostics;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Reviews;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Benchmarks;

/// <summary>The line <c>bench history</c> prints: median milliseconds of one resume (a preliminary decision).</summary>
public sealed record HistoryReport(long JournalRows, int EntriesPerLongInstance, double BaselineMs, double ShortHistoryMs, double LongHistoryMs);

/// <summary>
/// Resuming must not read history: the journal is its own table, appended to and never loaded by a step. Measures
/// the median preliminary decision (load instance, run, commit) on an almost empty database (baseline), then after
/// filling the journal with <c>journalRows</c> rows of other instances, on instances with no history and on
/// instances with <c>entriesPerInstance</c> journal lines each.
/// </summary>
public sealed class HistoryBenchmark(BenchHost host, TextWriter log)
{
    private const int Sample = 20;

    public async Task<HistoryReport> RunAsync(int journalRows, int entriesPerInstance)
    {
        var lifecycle = new LifecycleBenchmark(host, 3, 1, log);
        var (_, drafts) = await lifecycle.SeedAsync(3 * Sample);
        var tasks = new List<(string Instance, string Task)>();
        foreach (var draft in drafts) tasks.Add(await SubmitAsync(draft.ApplicationId));

        var baseline = await MedianDecisionAsync(tasks.Take(Sample));
        var clock = Stopwatch.StartNew();
        var longOnes = tasks.Skip(Sample).Take(Sample).ToList();
        foreach (var (instance, _) in longOnes) await AppendHistoryAsync(instance, entriesPerInstance);
        var filler = Math.Max(0, journalRows - await JournalCountAsync());
        await FillAsync(filler);
        var rows = await JournalCountAsync();
        await log.WriteLineAsync($"journal filled to {rows} rows in {clock.Elapsed.TotalSeconds:F1} s");

        var shortHistory = await MedianDecisionAsync(tasks.Skip(2 * Sample));
        var longHistory = await MedianDecisionAsync(longOnes);
        return new HistoryReport(rows, entriesPerInstance, baseline, shortHistory, longHistory);
    }

    private async Task<(string Instance, string Task)> SubmitAsync(string applicationId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SubmitApplication(applicationId, "bench"));
        var task = await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().HumanTasks.AsNoTracking()
            .Where(t => t.InstanceId == submitted.WorkflowInstanceId && t.Status == HumanTaskStatus.Open).Select(t => t.Id).SingleAsync();
        return (submitted.WorkflowInstanceId!, task);
    }

    private async Task<double> MedianDecisionAsync(IEnumerable<(string Instance, string Task)> tasks)
    {
        var times = new List<double>();
        foreach (var (_, task) in tasks)
        {
            var started = Stopwatch.GetTimestamp();
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CompleteReviewTask(task, "Recommended", null, "bench"));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        return Math.Round(times[times.Count / 2], 2);
    }

    /// <summary>Journal lines of the instance itself (its count moved on, so the next step appends after them).</summary>
    private async Task AppendHistoryAsync(string instanceId, int entries)
    {
        if (entries == 0) return;
        await using var scope = host.Services.CreateAsyncScope();
        var db = IntakeSeeder.BulkContext(scope.ServiceProvider);
        var start = await db.WorkflowInstances.Where(i => i.Id == instanceId).Select(i => i.JournalCount).SingleAsync();
        await db.Database.ExecuteSqlRawAsync(Insert(entries, $"'{instanceId}'", $"{start} + i"));
        await db.WorkflowInstances.Where(i => i.Id == instanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.JournalCount, i => i.JournalCount + entries));
    }

    /// <summary>Rows of other (finished) instances, a thousand lines each.</summary>
    private async Task FillAsync(long rows)
    {
        const int Step = 200_000;
        var batch = Guid.NewGuid().ToString("N")[..8];
        for (long done = 0; done < rows; done += Step)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = IntakeSeeder.BulkContext(scope.ServiceProvider);
            var count = (int)Math.Min(Step, rows - done);
            await db.Database.ExecuteSqlRawAsync(Insert(count, $"'history-{batch}-{done}-' || ((i - 1) / 1000)", "((i - 1) % 1000) + 1"));
        }
    }

    private async Task<long> JournalCountAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().JournalEntries.LongCountAsync();
    }

    /// <summary>Generated rows in one statement (SQLite and PostgreSQL both read the recursive CTE).</summary>
    private static string Insert(int count, string instanceExpression, string sequenceExpression) =>
        $"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
        INSERT INTO "JournalEntries" ("InstanceId", "Sequence", "ActivityId", "ActivityType", "ActivityName", "Outcome", "Actor", "At", "Message")
        SELECT {instanceExpression}, {sequenceExpression}, 'countReturn', 'Elsa.SetVariable', '历史步骤', 'Done', 'bench', '2026-03-02 01:00:00', '历史记录第 ' || i || ' 行' FROM n
        """;
}
