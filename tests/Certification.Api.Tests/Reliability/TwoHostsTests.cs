using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Certification.Api.Benchmarks;
using Certification.Api.Identity;
using Certification.Domain.Applications;
using Certification.Tests.Shared;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Reliability;

/// <summary>
/// Two real host processes (<c>dotnet Certification.Api.dll serve</c>) on one PostgreSQL database, as behind a load
/// balancer: both serve requests and both sweep timers every second. PostgreSQL only (SQLite is one host's database);
/// the fixture starts nothing without <c>CERTIFICATION_TEST_POSTGRES</c>.
/// </summary>
public sealed class TwoHostsFixture : IAsyncLifetime
{
    public const string Password = "Two-hosts-0k";

    public TestDatabase? Database { get; private set; }
    public BenchHost Bench { get; private set; } = null!;
    public HostProcess First { get; private set; } = null!;
    public HostProcess Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!TestDatabase.OnPostgres) return;
        Database = TestDatabase.Create();
        // The benchmark's services on the same database seed and drive applications in-process; its clock is real time,
        // so nothing it leaves is due for the hosts until a test makes it so.
        Bench = await BenchHost.StartAsync(Database.Settings, DateTimeOffset.UtcNow);
        var timers = new Dictionary<string, string> { ["Workflows:TimerSweepSeconds"] = "1", ["Workflows:TimerLeaseSeconds"] = "5" };
        // Started together, as after a deployment: both migrate, seed and begin sweeping on the same database at once.
        var starting = new[] { HostProcess.StartAsync(Database, timers), HostProcess.StartAsync(Database, timers) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully)) await started.Result.DisposeAsync();
            Database.Dispose();
            throw;
        }
        (First, Second) = (starting[0].Result, starting[1].Result);
    }

    public async Task DisposeAsync()
    {
        if (Database is null) return;
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await Bench.DisposeAsync();
        Database.Dispose();
    }
}

public sealed class TwoHostsTests(TwoHostsFixture hosts, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TwoHostsFixture>
{
    [Fact]
    public async Task A_review_task_decided_through_both_hosts_at_once_is_decided_once_and_the_loser_gets_409()
    {
        if (hosts.Database is null) return;
        var lifecycle = new LifecycleBenchmark(hosts.Bench, 3, 2, TextWriter.Null);
        var (_, drafts) = await lifecycle.SeedAsync(24);
        await Parallel.ForEachAsync(drafts, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (draft, ct) =>
        {
            var enterprise = new Caller($"enterprise-{draft.Index}", Roles.Enterprise, EnterpriseId: draft.EnterpriseId);
            await SendAsync(enterprise, new SubmitApplication(draft.ApplicationId, enterprise.UserName));
        });
        await using (var scope = hosts.Bench.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAccounts>()
                .CreateAsync(new NewAccount("two-hosts-preliminary", TwoHostsFixture.Password, Roles.Reviewer, "33", ReviewStage: Roles.Stages.Preliminary));
        // The same reviewer signed in on each host (as a browser or API client would be, behind a load balancer).
        var firstToken = await hosts.First.TokenAsync("two-hosts-preliminary", TwoHostsFixture.Password);
        var secondToken = await hosts.Second.TokenAsync("two-hosts-preliminary", TwoHostsFixture.Password);

        var before = new Dictionary<string, (string Task, int Revision)>();
        foreach (var draft in drafts) before[draft.ApplicationId] = await OpenPreliminaryTaskAsync(draft.ApplicationId);

        // On every task the first host recommends and the second rejects, at the same moment: exactly one of them decides.
        var races = await Task.WhenAll(drafts.Select(async draft =>
        {
            var task = before[draft.ApplicationId].Task;
            var answers = await Task.WhenAll(
                DecideAsync(hosts.First, firstToken, task, new { outcome = "Recommended" }),
                DecideAsync(hosts.Second, secondToken, task, new { outcome = "Rejected", reason = "两台主机同时处理：不予推荐" }));
            return (draft.ApplicationId, Recommend: answers[0], Reject: answers[1]);
        }));

        // Where the loser was stopped: before its step (the task read as decided) or at the commit (the race lost in the database).
        foreach (var refusal in races.Select(r => r.Recommend.Status == HttpStatusCode.Conflict ? r.Recommend : r.Reject)
                     .GroupBy(a => (string?)JsonNode.Parse(a.Body)?["detail"] is { } detail && detail.Contains("同时处理") ? "at the commit" : "before the step"))
            output.WriteLine($"{refusal.Count()} refused {refusal.Key}");

        await using var verify = hosts.Bench.Services.CreateAsyncScope();
        var db = verify.ServiceProvider.GetRequiredService<CertificationDbContext>();
        foreach (var (applicationId, recommend, reject) in races)
        {
            new[] { recommend.Status, reject.Status }.Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict],
                $"one decision of application {applicationId} wins and the other is refused (answers: {recommend.Body} / {reject.Body})");
            var loser = recommend.Status == HttpStatusCode.Conflict ? recommend : reject;
            loser.ContentType.Should().Be("application/problem+json");
            ((int?)JsonNode.Parse(loser.Body)!["status"]).Should().Be(409);
            ((string?)JsonNode.Parse(loser.Body)!["detail"]).Should().MatchRegex("不能重复提交|同时处理|不在等待", "the refusal says the task was already decided");
            var won = recommend.Status == HttpStatusCode.OK ? "Recommended" : "Rejected";

            var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId);
            application.Status.Should().Be(won == "Recommended" ? ApplicationStatus.FormalReview : ApplicationStatus.Rejected);
            (await db.ReviewDecisions.AsNoTracking().Where(d => d.ApplicationId == applicationId).Select(d => d.Outcome).ToListAsync())
                .Should().Equal([won], "the losing decision left no record");
            var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.CorrelationId == applicationId);
            (await db.JournalEntries.AsNoTracking().Where(j => j.InstanceId == instance.Id && j.ActivityType == "Certification.PreliminaryReview")
                    .OrderBy(j => j.Sequence).Select(j => j.Outcome).ToListAsync())
                .Should().Equal(["Suspended", won], "the preliminary review waited once and completed once, in one journal line");
            instance.Revision.Should().Be(before[applicationId].Revision + 1, "the instance moved one step");
            (await db.HumanTasks.AsNoTracking().Where(t => t.CorrelationId == applicationId && t.Status == HumanTaskStatus.Open)
                    .Select(t => t.ActivityType).ToListAsync())
                .Should().Equal(won == "Recommended" ? ["Certification.FormalReview"] : []);
        }
        await CrashTests.AuditChainIsIntactAsync(hosts.Bench);
    }

    [Fact]
    public async Task Publicity_timers_swept_by_both_hosts_at_once_certify_each_application_exactly_once()
    {
        if (hosts.Database is null) return;
        var lifecycle = new LifecycleBenchmark(hosts.Bench, 3, 2, TextWriter.Null);
        var (batchId, drafts) = await lifecycle.SeedAsync(40);
        await lifecycle.DriveToPublicityAsync(drafts);

        await using var scope = hosts.Bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        var applications = await db.Applications.AsNoTracking().Where(a => a.BatchId == batchId && a.Status == ApplicationStatus.Publicity)
            .Select(a => new { a.Id, a.WorkflowInstanceId }).ToListAsync();
        applications.Should().HaveCount(36, "every tenth application was rejected at formal review");
        var ids = applications.Select(a => a.Id).ToList();
        var instances = applications.Select(a => a.WorkflowInstanceId!).ToList();

        // The publicity period ends while both hosts are sweeping every second: every closing timer falls due at once.
        var due = DateTime.UtcNow.AddMinutes(-1);
        (await db.Bookmarks.Where(b => instances.Contains(b.InstanceId) && b.Kind == "Timer")
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.DueAt, due)))
            .Should().Be(applications.Count, "each application in publicity waits on one timer, its closing");
        await CrashTests.WaitUntilAsync(async () => await db.Applications.AsNoTracking().CountAsync(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Certified)
                                         == applications.Count, TimeSpan.FromSeconds(60));

        // Losing a race is part of the protocol, not a failure: no sweep may fail over it (and so leave a timer to its lease).
        foreach (var host in new[] { hosts.First, hosts.Second })
            host.Output.Should().NotContain("Timer sweep failed");
        var sweepers = await db.AuditEntries.AsNoTracking().Where(a => a.Operation == "TimerFired").Select(a => a.Description).ToListAsync();
        output.WriteLine("timers fired per host: " + string.Join(", ", sweepers.GroupBy(d => (string?)JsonNode.Parse(d)?["sweeper"]).Select(g => $"{g.Key}: {g.Count()}")));
        var titles = await db.Titles.AsNoTracking().Where(t => ids.Contains(t.ApplicationId!)).Select(t => new { t.ApplicationId, t.CertificateNumber }).ToListAsync();
        titles.Select(t => t.ApplicationId).Should().OnlyHaveUniqueItems("no certificate is issued twice").And.HaveCount(applications.Count);
        titles.Select(t => t.CertificateNumber).Should().OnlyHaveUniqueItems("two hosts never hand out the same certificate number");
        var certifySteps = await db.JournalEntries.AsNoTracking().Where(j => instances.Contains(j.InstanceId) && j.ActivityType == "Certification.Certify")
            .GroupBy(j => j.InstanceId).Select(g => g.Count()).ToListAsync();
        certifySteps.Should().HaveCount(applications.Count).And.OnlyContain(n => n == 1, "the certify step ran once per instance");
        var publicityClosings = await db.JournalEntries.AsNoTracking().Where(j => instances.Contains(j.InstanceId) && j.ActivityType == "Certification.Publicity")
            .GroupBy(j => new { j.InstanceId, j.Outcome }).Select(g => g.Count()).ToListAsync();
        publicityClosings.Should().OnlyContain(n => n == 1, "no journal line is written twice");
        (await db.WorkflowInstances.AsNoTracking().Where(i => instances.Contains(i.Id)).Select(i => i.Status).Distinct().ToListAsync())
            .Should().Equal("Finished");
        (await db.Bookmarks.AsNoTracking().CountAsync(b => instances.Contains(b.InstanceId))).Should().Be(0, "no timer is left waiting");
        await CrashTests.AuditChainIsIntactAsync(hosts.Bench);
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string Body);

    private static async Task<Answer> DecideAsync(HostProcess host, string token, string taskId, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/complete") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Client.SendAsync(request);
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private async Task<(string Task, int Revision)> OpenPreliminaryTaskAsync(string applicationId)
    {
        await using var scope = hosts.Bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        var task = await db.HumanTasks.AsNoTracking().SingleAsync(t => t.CorrelationId == applicationId && t.Status == HumanTaskStatus.Open);
        var revision = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.Revision).SingleAsync();
        return (task.Id, revision);
    }

    private async Task<T> SendAsync<T>(Caller caller, IRequest<T> request)
    {
        await using var scope = hosts.Bench.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Current = caller;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
