using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Certification.Api.Benchmarks;
using Certification.Api.Identity;
using Certification.Domain.Applications;
using Certification.Tests.Shared;
using Certification.Workflows.Features.Audit;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Reliability;

/// <summary>
/// The real host process killed with SIGKILL in the middle of work and started again on the same database: every
/// command it acknowledged is there, nothing is half done, nothing ran twice, and no instance is left stuck.
/// </summary>
public sealed class CrashTests
{
    private const string Password = "Crash-test-0k";

    [Fact]
    public async Task A_host_killed_during_a_submission_surge_keeps_every_acknowledged_submission_and_leaves_nothing_half_done()
    {
        using var database = TestDatabase.Create();
        await using var bench = await BenchHost.StartAsync(database.Settings, DateTimeOffset.UtcNow);
        var (_, drafts) = await new LifecycleBenchmark(bench, 3, 1, TextWriter.Null).SeedAsync(16);
        await using (var scope = bench.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            foreach (var draft in drafts)
                await accounts.CreateAsync(new NewAccount($"surge-{draft.Index}", Password, "enterprise", null, draft.EnterpriseId, null, null));
        }

        var acknowledged = new ConcurrentBag<string>();
        await using (var host = await HostProcess.StartAsync(database))
        {
            var tokens = new ConcurrentDictionary<string, string>();
            await Parallel.ForEachAsync(drafts, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (draft, _) => tokens[draft.ApplicationId] = await host.TokenAsync($"surge-{draft.Index}", Password));

            var surge = Parallel.ForEachAsync(drafts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (draft, _) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{draft.ApplicationId}/submit");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[draft.ApplicationId]);
                try
                {
                    using var response = await host.Client.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.OK) acknowledged.Add(draft.ApplicationId);
                }
                catch (HttpRequestException)
                {
                    // The host died under this request: not acknowledged, so it may or may not have committed.
                }
            });
            await WaitUntilAsync(() => Task.FromResult(acknowledged.Count >= 4), TimeSpan.FromSeconds(60));
            host.Kill();
            await surge;
        }
        acknowledged.Count.Should().BeLessThan(drafts.Count, "the host must die in the middle of the surge");

        await using var restarted = await HostProcess.StartAsync(database);
        var stillDraft = new List<BenchApplication>();
        foreach (var draft in drafts)
        {
            var state = await SubmissionStateAsync(bench, draft.ApplicationId);
            if (acknowledged.Contains(draft.ApplicationId) || state.Status != ApplicationStatus.Draft)
            {
                // Committed whole: the frozen version, the running instance waiting on the preliminary review, evaluated once.
                state.Should().Be(new SubmissionState(ApplicationStatus.PreliminaryReview, 1, "Suspended", ["Certification.PreliminaryReview"], 1),
                    $"application {draft.ApplicationId} was {(acknowledged.Contains(draft.ApplicationId) ? "acknowledged" : "committed before the crash")}");
            }
            else
            {
                // Not committed at all: no version, no instance, no task.
                state.Should().Be(new SubmissionState(ApplicationStatus.Draft, 0, null, [], 0));
                stillDraft.Add(draft);
            }
        }

        // Nothing is stuck: what the crash cut off is simply submitted again on the restarted host.
        foreach (var draft in stillDraft)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{draft.ApplicationId}/submit");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await restarted.TokenAsync($"surge-{draft.Index}", Password));
            (await restarted.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        await AuditChainIsIntactAsync(bench);
    }

    [Fact]
    public async Task A_host_killed_during_a_timer_sweep_certifies_every_application_once_after_restart()
    {
        using var database = TestDatabase.Create();
        // Publicity ran in March 2026 by the benchmark's clock; the host's own clock finds every closing timer due.
        await using var bench = await BenchHost.StartAsync(database.Settings, BenchHost.Start);
        var lifecycle = new LifecycleBenchmark(bench, 3, 2, TextWriter.Null);
        var (batchId, drafts) = await lifecycle.SeedAsync(30);
        await lifecycle.DriveToPublicityAsync(drafts);
        var inPublicity = (await StatusesAsync(bench, batchId)).Count(s => s == ApplicationStatus.Publicity);
        inPublicity.Should().Be(27, "every tenth application was rejected at formal review");

        var timers = new Dictionary<string, string> { ["Workflows:TimerSweepSeconds"] = "1", ["Workflows:TimerLeaseSeconds"] = "2" };
        int certifiedAtCrash;
        await using (var host = await HostProcess.StartAsync(database, timers))
        {
            await WaitUntilAsync(async () => (await StatusesAsync(bench, batchId)).Contains(ApplicationStatus.Certified), TimeSpan.FromSeconds(60));
            host.Kill();
            certifiedAtCrash = (await StatusesAsync(bench, batchId)).Count(s => s == ApplicationStatus.Certified);
        }
        certifiedAtCrash.Should().BeLessThan(inPublicity, "the host must die in the middle of the sweep");

        await using (await HostProcess.StartAsync(database, timers))
            await WaitUntilAsync(async () => (await StatusesAsync(bench, batchId)).Count(s => s == ApplicationStatus.Certified) == inPublicity,
                TimeSpan.FromSeconds(60));

        await using var scope = bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        var applications = await db.Applications.AsNoTracking().Where(a => a.BatchId == batchId).Select(a => new { a.Id, a.WorkflowInstanceId }).ToListAsync();
        var ids = applications.Select(a => a.Id).ToList();
        var instances = applications.Select(a => a.WorkflowInstanceId!).ToList();
        var titlesPerApplication = await db.Titles.AsNoTracking().Where(t => ids.Contains(t.ApplicationId!))
            .GroupBy(t => t.ApplicationId).Select(g => g.Count()).ToListAsync();
        titlesPerApplication.Should().HaveCount(inPublicity).And.OnlyContain(n => n == 1, "no certificate is issued twice");
        var certifySteps = await db.JournalEntries.AsNoTracking().Where(j => instances.Contains(j.InstanceId) && j.ActivityType == "Certification.Certify")
            .GroupBy(j => j.InstanceId).Select(g => g.Count()).ToListAsync();
        certifySteps.Should().HaveCount(inPublicity).And.OnlyContain(n => n == 1, "the certify step ran once per instance");
        (await db.WorkflowInstances.AsNoTracking().Where(i => instances.Contains(i.Id)).Select(i => i.Status).Distinct().ToListAsync())
            .Should().Equal("Finished");
        (await db.Bookmarks.AsNoTracking().CountAsync(b => instances.Contains(b.InstanceId))).Should().Be(0, "no timer is left waiting");
        await AuditChainIsIntactAsync(bench);
    }

    private sealed record SubmissionState(string Status, int Versions, string? InstanceStatus, IReadOnlyList<string> OpenTasks, int Evaluations)
    {
        public bool Equals(SubmissionState? other) =>
            other is not null && Status == other.Status && Versions == other.Versions && InstanceStatus == other.InstanceStatus
            && OpenTasks.SequenceEqual(other.OpenTasks) && Evaluations == other.Evaluations;

        public override int GetHashCode() => HashCode.Combine(Status, Versions, InstanceStatus);

        public override string ToString() => $"{Status}, {Versions} version(s), instance {InstanceStatus ?? "none"}, open [{string.Join(", ", OpenTasks)}], {Evaluations} evaluation(s)";
    }

    private static async Task<SubmissionState> SubmissionStateAsync(BenchHost bench, string applicationId)
    {
        await using var scope = bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId);
        var versions = await db.ApplicationVersions.AsNoTracking().CountAsync(v => v.ApplicationId == applicationId);
        var instance = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.CorrelationId == applicationId);
        var open = await db.HumanTasks.AsNoTracking().Where(t => t.CorrelationId == applicationId && t.Status == HumanTaskStatus.Open)
            .Select(t => t.ActivityType).ToListAsync();
        var evaluations = instance is null ? 0
            : await db.JournalEntries.AsNoTracking().CountAsync(j => j.InstanceId == instance.Id && j.ActivityType == "Certification.EvaluateCriteria");
        return new SubmissionState(application.Status, versions, instance?.Status, open, evaluations);
    }

    private static async Task<List<string>> StatusesAsync(BenchHost bench, string batchId)
    {
        await using var scope = bench.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().Applications.AsNoTracking()
            .Where(a => a.BatchId == batchId).Select(a => a.Status).ToListAsync();
    }

    internal static async Task AuditChainIsIntactAsync(BenchHost bench)
    {
        await using var scope = bench.Services.CreateAsyncScope();
        var verification = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new VerifyAuditChain());
        verification.Valid.Should().BeTrue(verification.Detail);
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"condition not met within {timeout.TotalSeconds} s");
            await Task.Delay(5);
        }
    }
}
