using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Timers;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Benchmarks;

/// <summary>The last line <c>bench lifecycle --postgres</c> prints: the issue's keys, then how the run was shared.</summary>
public sealed record MultiHostLifecycleReport(
    int Applications, int Certified, int Rejected, int Lost, double Seconds, double LifecyclesPerSecond,
    double TransitionsPerSecond, double RawCommitsPerSecond, double EngineToRaw, double PeakWorkingSetMb,
    string Database, int Hosts, IReadOnlyList<long> TransitionsPerHost, IReadOnlyList<int> TimersFiredPerHost);

/// <summary>What a worker process reports to the coordinator when it is done.</summary>
public sealed record WorkerReport(long Transitions, int TimersFired, double PeakWorkingSetMb, double CpuMs);

/// <summary>
/// <c>bench lifecycle --postgres CONNSTRING --hosts H</c>: the lifecycle benchmark on PostgreSQL, shared by H processes
/// on one database as H hosts behind a load balancer would share it. This process (the coordinator) seeds the drafts and
/// starts H−1 copies of itself (<c>--worker</c>); each process drives every H-th draft of the batch from submission to
/// publicity with its own callers, then all of them fire the publicity timers at the same time with the product's
/// <see cref="TimerSweeper"/> (claims with a lease; an instance's step commits once). The workers talk to the
/// coordinator over their standard input and output, one word a line: <c>ready</c> → <c>go</c> → <c>driven</c> →
/// <c>sweep</c> → the worker's <see cref="WorkerReport"/> as JSON. <c>lost</c> counts the whole batch.
/// </summary>
public sealed class MultiHostLifecycle(BenchHost host, int experts, int concurrency, TextWriter log, RoundTrips? roundTrips = null)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly LifecycleBenchmark _lifecycle = new(host, experts, concurrency, log, roundTrips);
    private int _fired;

    public async Task<MultiHostLifecycleReport> RunAsync(int applications, int hosts, string connectionString, CancellationToken ct = default)
    {
        var (batchId, _) = await _lifecycle.SeedAsync(applications);
        var slices = await SlicesAsync(batchId, hosts, ct);
        var workers = new List<WorkerProcess>();
        try
        {
            for (var k = 1; k < hosts; k++) workers.Add(WorkerProcess.Start(connectionString, batchId, k, hosts, experts, concurrency, log));
            foreach (var worker in workers) await worker.ExpectAsync("ready", ct);

            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var measured = Stopwatch.StartNew();
            foreach (var worker in workers) await worker.SendAsync("go");
            await _lifecycle.DriveToPublicityAsync(slices[0], ct);
            foreach (var worker in workers) await worker.ExpectAsync("driven", ct);
            var driven = measured.Elapsed;

            // Every process moves its clock past publicity and sweeps at the same moment.
            foreach (var worker in workers) await worker.SendAsync("sweep");
            await SweepAsync(ct);
            var reports = new List<WorkerReport>();
            foreach (var worker in workers) reports.Add(await worker.ReportAsync(ct));
            var seconds = measured.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds + reports.Sum(r => r.CpuMs);

            var transitionsPerHost = new[] { _lifecycle.Transitions + _fired }.Concat(reports.Select(r => r.Transitions)).ToList();
            var transitions = transitionsPerHost.Sum();
            await log.WriteLineAsync($"driven to publicity in {driven.TotalSeconds:F1} s, timers fired in {seconds - driven.TotalSeconds:F1} s; " +
                                     $"{transitions} transitions ({string.Join(" + ", transitionsPerHost)}), CPU of all processes {cpu / transitions:F2} ms per transition");
            if (roundTrips is not null) await roundTrips.WriteAsync(log);

            var (certified, rejected) = await _lifecycle.CountAsync(batchId, ct);
            var raw = await RawCommitBenchmark.RunAsync(host, TimeSpan.FromSeconds(3), ct);
            var transitionsPerSecond = transitions / seconds;
            process.Refresh();
            return new MultiHostLifecycleReport(applications, certified, rejected, applications - certified - rejected,
                Math.Round(seconds, 2), Math.Round(applications / seconds, 1), Math.Round(transitionsPerSecond, 1), Math.Round(raw, 1),
                Math.Round(transitionsPerSecond / raw, 3),
                Math.Round(Math.Max(process.PeakWorkingSet64 / 1048576.0, reports.Select(r => r.PeakWorkingSetMb).DefaultIfEmpty(0).Max()), 1),
                "PostgreSQL", hosts, transitionsPerHost, new[] { _fired }.Concat(reports.Select(r => r.TimersFired)).ToList());
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }
    }

    /// <summary>A worker: drives its slice and sweeps when the coordinator says so; exit code 0 when it finished.</summary>
    public async Task<int> RunWorkerAsync(string batchId, int slice, int hosts, TextReader input, TextWriter output, CancellationToken ct = default)
    {
        var drafts = (await SlicesAsync(batchId, hosts, ct))[slice];
        using var process = Process.GetCurrentProcess();
        await Say(output, "ready");
        await Expect(input, "go");
        var cpuBefore = process.TotalProcessorTime;
        await _lifecycle.DriveToPublicityAsync(drafts, ct);
        await Say(output, "driven");
        await Expect(input, "sweep");
        await SweepAsync(ct);
        process.Refresh();
        var report = new WorkerReport(_lifecycle.Transitions + _fired, _fired, Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
            (process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        await Say(output, JsonSerializer.Serialize(report, Json));
        return 0;
    }

    /// <summary>
    /// Jumps this process's clock past publicity and fires due timers until none is left due in the database: when the
    /// other hosts hold the leases of the last ones, it waits for them (or for their leases to run out).
    /// </summary>
    private async Task SweepAsync(CancellationToken ct)
    {
        host.Clock.Advance(TimeSpan.FromDays(30));
        var sweeper = host.Services.GetRequiredService<TimerSweeper>();
        while (true)
        {
            var fired = await sweeper.SweepAsync(100, ct);
            _fired += fired;
            if (fired > 0) continue;
            if (!await AnyTimerDueAsync(ct)) return;
            await Task.Delay(100, ct);
        }
    }

    private async Task<bool> AnyTimerDueAsync(CancellationToken ct)
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().Bookmarks.AsNoTracking()
            .AnyAsync(b => b.Kind == "Timer" && b.DueAt <= now, ct);
    }

    /// <summary>The batch's drafts in one order every process computes alike; process k takes every H-th from the k-th.</summary>
    private async Task<List<BenchApplication>[]> SlicesAsync(string batchId, int hosts, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var drafts = await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().Applications.AsNoTracking()
            .Where(a => a.BatchId == batchId).OrderBy(a => a.Id).Select(a => new { a.Id, a.EnterpriseId }).ToListAsync(ct);
        var slices = Enumerable.Range(0, hosts).Select(_ => new List<BenchApplication>()).ToArray();
        for (var i = 0; i < drafts.Count; i++) slices[i % hosts].Add(new BenchApplication(i, drafts[i].Id, drafts[i].EnterpriseId));
        return slices;
    }

    private static async Task Say(TextWriter output, string line)
    {
        await output.WriteLineAsync(line);
        await output.FlushAsync();
    }

    private static async Task Expect(TextReader input, string word)
    {
        var line = await input.ReadLineAsync();
        if (line != word) throw new InvalidOperationException($"the coordinator said '{line ?? "(end of input)"}', expected '{word}'");
    }

    /// <summary>A copy of this executable running <c>bench lifecycle --worker</c>; its stderr is passed on to the log.</summary>
    private sealed class WorkerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly int _slice;

        private WorkerProcess(Process process, int slice)
        {
            _process = process;
            _slice = slice;
        }

        public static WorkerProcess Start(string connectionString, string batchId, int slice, int hosts, int experts, int concurrency, TextWriter log)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            // Under `dotnet Certification.Api.dll` the process is the muxer: the assembly comes first.
            if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            foreach (var argument in new[]
                     {
                         "bench", "lifecycle", "--worker", "--postgres", connectionString, "--batch", batchId, "--slice", $"{slice}/{hosts}",
                         "--experts", experts.ToString(), "--concurrency", concurrency.ToString(),
                     })
                start.ArgumentList.Add(argument);
            var process = Process.Start(start) ?? throw new InvalidOperationException("the worker process did not start");
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null) lock (log) log.WriteLine($"[worker {slice}] {e.Data}");
            };
            process.BeginErrorReadLine();
            return new WorkerProcess(process, slice);
        }

        public async Task SendAsync(string word)
        {
            await _process.StandardInput.WriteLineAsync(word);
            await _process.StandardInput.FlushAsync();
        }

        public async Task ExpectAsync(string word, CancellationToken ct)
        {
            var line = await _process.StandardOutput.ReadLineAsync(ct);
            if (line != word) throw new InvalidOperationException($"worker {_slice} said '{line ?? "(nothing: it exited)"}', expected '{word}'");
        }

        public async Task<WorkerReport> ReportAsync(CancellationToken ct)
        {
            var line = await _process.StandardOutput.ReadLineAsync(ct);
            await _process.WaitForExitAsync(ct);
            return (line is null ? null : JsonSerializer.Deserialize<WorkerReport>(line, Json))
                   ?? throw new InvalidOperationException($"worker {_slice} ended without its report (exit code {_process.ExitCode})");
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
