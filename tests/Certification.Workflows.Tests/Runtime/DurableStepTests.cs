using Certification.Tests.Shared;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Definitions;
using Certification.Workflows.Runtime.Storage;
using Certification.Workflows.Tests.Engine;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Workflows.Tests.Runtime;

public sealed class DurableStepTests : IAsyncLifetime
{
    private DurableHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DurableHost.CreateAsync();
        await PublishShipped(_host);
    }

    public async Task DisposeAsync() => await _host.DeleteAsync();

    private static Task PublishShipped(DurableHost host) => host.InScope(sp =>
        ShippedDefinitions.EnsurePublishedAsync(sp.GetRequiredService<CertificationDbContext>(), sp.GetRequiredService<IMediator>()));

    private static JsonObject Outcome(string port) => new() { ["outcome"] = port };

    private static Task<HumanTaskRecord> OpenTask(DurableHost host, string instanceId, string activityId) =>
        host.Query(db => db.HumanTasks.SingleAsync(t => t.InstanceId == instanceId && t.ActivityId == activityId && t.Status == HumanTaskStatus.Open));

    private static Task<WorkflowInstanceRecord> Instance(DurableHost host, string id) =>
        host.Query(db => db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id));

    [Fact]
    public async Task A_start_stores_the_instance_its_bookmark_its_inbox_task_and_its_journal()
    {
        var started = await _host.StartAsync("innovative-certification", correlationId: "app-1");

        started.Status.Should().Be("Suspended");
        var instance = await Instance(_host, started.InstanceId!);
        instance.CorrelationId.Should().Be("app-1");
        instance.Revision.Should().Be(1);
        var task = await OpenTask(_host, instance.Id, "awaitSubmission");
        task.Role.Should().Be("enterprise");
        task.CorrelationId.Should().Be("app-1");
        (await _host.Query(db => db.Bookmarks.CountAsync(b => b.Id == task.Id))).Should().Be(1);
        var journal = await _host.Query(db => db.JournalEntries.Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Sequence).ToListAsync());
        journal.Select(j => j.ActivityId).Should().StartWith("start");
        journal.Select(j => j.Sequence).Should().BeEquivalentTo(Enumerable.Range(1, journal.Count));
        instance.JournalCount.Should().Be(journal.Count);
    }

    [Fact]
    public async Task Completing_a_task_moves_the_instance_on_and_completing_it_again_changes_nothing()
    {
        var started = await _host.StartAsync("innovative-certification");
        var submission = await OpenTask(_host, started.InstanceId!, "awaitSubmission");

        var first = await _host.ResumeAsync(submission.Id, Outcome("Submitted"), actor: "enterprise-1");
        var journalAfterFirst = (await Instance(_host, started.InstanceId!)).JournalCount;
        var second = await _host.ResumeAsync(submission.Id, Outcome("Submitted"), actor: "enterprise-1");

        first.Applied.Should().BeTrue();
        first.Executed.Should().Contain(["evaluateCriteria", "preliminaryReview"]);
        second.Applied.Should().BeFalse();
        second.Outcome.Should().Be(ResumeOutcome.AlreadyResumed);
        second.Message.Should().Contain("不能重复提交");
        (await Instance(_host, started.InstanceId!)).JournalCount.Should().Be(journalAfterFirst);
        var completed = await _host.Query(db => db.HumanTasks.SingleAsync(t => t.Id == submission.Id));
        completed.Status.Should().Be(HumanTaskStatus.Completed);
        completed.Outcome.Should().Be("Submitted");
        completed.CompletedBy.Should().Be("enterprise-1");
        (await OpenTask(_host, started.InstanceId!, "preliminaryReview")).Role.Should().Be("reviewer");
    }

    [Fact]
    public async Task A_step_is_audited_row_by_row_as_written_and_its_rows_read_back_as_written()
    {
        var started = await _host.StartAsync("innovative-certification");
        var submission = await OpenTask(_host, started.InstanceId!, "awaitSubmission");
        var before = await Instance(_host, started.InstanceId!);

        await _host.ResumeAsync(submission.Id, Outcome("Submitted"), actor: "enterprise-1");

        var now = _host.Clock.GetUtcNow().UtcDateTime;
        var after = await Instance(_host, started.InstanceId!);
        after.UpdatedAt.Should().Be(now);
        after.CreatedAt.Should().Be(before.CreatedAt);
        (await _host.Query(db => db.HumanTasks.SingleAsync(t => t.Id == submission.Id))).CompletedAt.Should().Be(now);

        var entry = await _host.Query(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync());
        var rows = JsonNode.Parse(entry.Changes)!.AsArray().Select(r => r!.AsObject()).ToList();
        JsonObject Row(string table, string key) => rows.Single(r => (string?)r["table"] == table && (string?)r["key"] == key);

        var instance = Row("WorkflowInstances", after.Id);
        ((string?)instance["kind"]).Should().Be("modified");
        ((int?)instance["before"]!["Revision"]).Should().Be(before.Revision);
        ((int?)instance["after"]!["Revision"]).Should().Be(before.Revision + 1);
        ((int?)instance["after"]!["JournalCount"]).Should().Be(after.JournalCount);
        var state = instance["after"]!["StateJson"]!;
        if (after.StateJson.Length > Certification.Workflows.Audit.RowChange.MaxInlineText)
            state["length"]!.GetValue<int>().Should().Be(after.StateJson.Length, "long state is recorded by hash and length");
        else
            ((string?)state).Should().Be(after.StateJson);
        instance["after"]!.AsObject().Select(p => p.Key).Should().NotContain("DefinitionId", "unchanged columns are not repeated");

        var task = Row("HumanTasks", submission.Id);
        ((string?)task["kind"]).Should().Be("modified");
        ((string?)task["before"]!["Status"]).Should().Be(HumanTaskStatus.Open);
        ((string?)task["after"]!["Status"]).Should().Be(HumanTaskStatus.Completed);
        ((string?)task["after"]!["CompletedBy"]).Should().Be("enterprise-1");
        ((string?)task["after"]!["Outcome"]).Should().Be("Submitted");

        var bookmark = Row("Bookmarks", submission.Id);
        ((string?)bookmark["kind"]).Should().Be("deleted");
        ((string?)bookmark["before"]!["ActivityId"]).Should().Be("awaitSubmission");
        ((string?)bookmark["before"]!["Kind"]).Should().Be("Task");

        var journal = await _host.Query(db => db.JournalEntries.AsNoTracking()
            .Where(j => j.InstanceId == after.Id && j.Sequence > before.JournalCount).ToListAsync());
        rows.Where(r => (string?)r["table"] == "JournalEntries").Select(r => (string?)r["key"])
            .Should().BeEquivalentTo(journal.Select(j => j.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var opened = await OpenTask(_host, after.Id, "preliminaryReview");
        ((string?)Row("HumanTasks", opened.Id)["kind"]).Should().Be("added");
        ((string?)Row("Bookmarks", opened.Id)["after"]!["InstanceId"]).Should().Be(after.Id);
    }

    [Fact]
    public async Task A_task_outcome_the_activity_does_not_declare_is_refused_and_changes_nothing()
    {
        var started = await _host.StartAsync("innovative-certification");
        var submission = await OpenTask(_host, started.InstanceId!, "awaitSubmission");
        var before = await Instance(_host, started.InstanceId!);

        var answer = await _host.ResumeAsync(submission.Id, Outcome("Approved"));

        answer.Applied.Should().BeFalse();
        answer.Outcome.Should().Be(ResumeOutcome.InvalidPayload);
        (await Instance(_host, started.InstanceId!)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task A_durable_timer_fires_when_the_clock_reaches_it_and_only_then()
    {
        await _host.PublishAsync(Flows.DelayThenEnd());
        var started = await _host.StartAsync("delay-flow");

        (await _host.SweepTimersAsync()).Should().Be(0);
        _host.Clock.Advance(TimeSpan.FromMinutes(4));
        (await _host.SweepTimersAsync()).Should().Be(0);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await _host.SweepTimersAsync()).Should().Be(1);

        var instance = await Instance(_host, started.InstanceId!);
        instance.Status.Should().Be("Finished");
        WorkflowInstanceState.FromJson(instance.StateJson).Variables["fired"]!.GetValue<bool>().Should().BeTrue();
        (await _host.Query(db => db.Bookmarks.CountAsync())).Should().Be(0);
        (await _host.SweepTimersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Timers_survive_a_restart_of_the_host()
    {
        await _host.PublishAsync(Flows.DelayThenEnd());
        var started = await _host.StartAsync("delay-flow");
        await _host.DisposeAsync();

        await using var restarted = await DurableHost.CreateAsync(_host.Database, _host.Clock);
        _host.Clock.Advance(TimeSpan.FromMinutes(10));

        (await restarted.SweepTimersAsync()).Should().Be(1);
        (await Instance(restarted, started.InstanceId!)).Status.Should().Be("Finished");
    }

    [Fact]
    public async Task Two_hosts_sweeping_the_same_due_timers_fire_each_exactly_once()
    {
        await _host.PublishAsync(Flows.DelayThenEnd());
        var ids = new List<string>();
        for (var i = 0; i < 20; i++) ids.Add((await _host.StartAsync("delay-flow")).InstanceId!);
        await using var other = await DurableHost.CreateAsync(_host.Database, _host.Clock);
        _host.Clock.Advance(TimeSpan.FromMinutes(6));

        var fired = await Task.WhenAll(Task.Run(_host.SweepTimersAsync), Task.Run(other.SweepTimersAsync));

        fired.Sum().Should().Be(20);
        foreach (var id in ids)
        {
            var journal = await _host.Query(db => db.JournalEntries.Where(j => j.InstanceId == id && j.ActivityId == "mark").CountAsync());
            journal.Should().Be(1, "the step after the timer ran once for instance {0}", id);
        }
    }

    [Fact]
    public async Task Two_officers_completing_the_same_task_at_once_resume_it_once()
    {
        var started = await _host.StartAsync("innovative-certification");
        var submission = await OpenTask(_host, started.InstanceId!, "awaitSubmission");
        await using var other = await DurableHost.CreateAsync(_host.Database, _host.Clock);

        async Task<string> Complete(DurableHost host)
        {
            try { return (await host.ResumeAsync(submission.Id, Outcome("Submitted"))).Outcome.ToString(); }
            catch (ConflictException) { return "Conflict"; }
        }
        var answers = await Task.WhenAll(Task.Run(() => Complete(_host)), Task.Run(() => Complete(other)));

        answers.Count(a => a == nameof(ResumeOutcome.Resumed)).Should().Be(1);
        answers.Should().Contain(a => a == "Conflict" || a == nameof(ResumeOutcome.AlreadyResumed));
        (await _host.Query(db => db.HumanTasks.CountAsync(t => t.InstanceId == started.InstanceId && t.ActivityId == "preliminaryReview")))
            .Should().Be(1);
    }

    [Fact]
    public async Task A_step_that_dies_midway_leaves_the_last_committed_state_and_is_retried_from_it()
    {
        var started = await _host.StartAsync("innovative-certification");
        var submission = await OpenTask(_host, started.InstanceId!, "awaitSubmission");
        var before = await Instance(_host, started.InstanceId!);
        var rowsBefore = await CountRows(_host);

        // The in-process stand-in for kill -9 between a step's work and its commit: the database dies mid-step.
        await using (var crashing = await DurableHost.CreateAsync(_host.Database, _host.Clock,
                         s => s.AddScoped<ICertificationHost>(_ => EvaluatingHost.Failing(new SqliteException("模拟断电：评价进行到一半时数据库不可用", 10)))))
        {
            var resume = () => crashing.ResumeAsync(submission.Id, Outcome("Submitted"));
            await resume.Should().ThrowAsync<SqliteException>().WithMessage("*断电*");
        }

        (await Instance(_host, started.InstanceId!)).Should().BeEquivalentTo(before);
        (await CountRows(_host)).Should().Be(rowsBefore);
        (await OpenTask(_host, started.InstanceId!, "awaitSubmission")).Id.Should().Be(submission.Id);

        var retried = await _host.ResumeAsync(submission.Id, Outcome("Submitted"));
        retried.Applied.Should().BeTrue();
        (await OpenTask(_host, started.InstanceId!, "preliminaryReview")).Should().NotBeNull();
    }

    [Fact]
    public async Task Starting_a_definition_that_is_not_published_is_not_found()
    {
        var start = () => _host.StartAsync("no-such-flow");
        await start.Should().ThrowAsync<NotFoundException>();
    }

    private static Task<(int, int, int, int)> CountRows(DurableHost host) => host.Query(async db =>
        (await db.WorkflowInstances.CountAsync(), await db.Bookmarks.CountAsync(), await db.HumanTasks.CountAsync(), await db.JournalEntries.CountAsync()));
}
