using System.Data.Common;
using System.Text.Json.Nodes;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Enterprises;
using Certification.Tests.Shared;
using Certification.Workflows.Access;
using Certification.Workflows.Audit;
using Certification.Workflows.Features.Audit;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Definitions;
using Certification.Workflows.Tests.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Workflows.Tests.Audit;

/// <summary>
/// The audit log: every committed change is one entry saying who, from where, what and with which values before and
/// after, in the same transaction as the change; the entries form a hash chain that reveals altered, deleted and
/// reordered entries. Runs on SQLite and (in the suite's second run) PostgreSQL.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private static int _serial = Environment.ProcessId % 1000 * 1000 + 500;
    private DurableHost _host = null!;

    public async Task InitializeAsync() => _host = await DurableHost.CreateAsync();

    public async Task DisposeAsync() => await _host.DeleteAsync();

    private static string NewCreditCode()
    {
        var first17 = "91330106MA" + Interlocked.Increment(ref _serial).ToString("D7");
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private Task<T> SendAs<T>(Caller caller, IRequest<T> request, string? address = null) => _host.InScope(sp =>
    {
        var context = sp.GetRequiredService<CallerContext>();
        context.Current = caller;
        context.ClientAddress = address;
        return sp.GetRequiredService<IMediator>().Send(request);
    });

    private Task<EnterpriseView> RegisterAsync(string name) =>
        _host.Send(new RegisterEnterprise(NewCreditCode(), name, "330106"));

    private Task<AuditVerification> VerifyAsync() => _host.Send(new VerifyAuditChain());

    private Task<List<AuditEntry>> EntriesAsync() =>
        _host.Query(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

    private Task<int> SqlAsync(string sql) => _host.Query(db => db.Database.ExecuteSqlRawAsync(sql));

    /// <summary>What someone with the database owner's rights can do: switch off the append-only triggers.</summary>
    private Task DisableAppendOnlyAsync() => TestDatabase.OnPostgres
        ? SqlAsync("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER audit_entries_append_only")
        : SqlAsync("DROP TRIGGER \"AuditEntries_no_update\"; DROP TRIGGER \"AuditEntries_no_delete\";");

    /// <summary>A few real commands: five enterprises registered, so five entries at least.</summary>
    private async Task<List<AuditEntry>> SeveralCommandsAsync()
    {
        for (var i = 1; i <= 5; i++) await RegisterAsync($"审计测试企业{i}");
        var entries = await EntriesAsync();
        entries.Should().HaveCountGreaterThanOrEqualTo(5);
        (await VerifyAsync()).Should().BeEquivalentTo(new AuditVerification(true, entries.Count, null, null, null));
        return entries;
    }

    [Fact]
    public async Task A_command_commits_one_entry_with_who_where_what_and_the_values_after()
    {
        var enterprise = await SendAs(new Caller("zhang.san", Roles.Admin), new RegisterEnterprise(NewCreditCode(), "杭州审计示范有限公司", "330106"), "10.1.2.3");

        var entry = (await EntriesAsync()).Should().ContainSingle().Subject;
        entry.Should().BeEquivalentTo(new
        {
            Sequence = 1L, UserName = "zhang.san", Role = Roles.Admin, ClientAddress = "10.1.2.3", Operation = "RegisterEnterprise",
            Targets = $"Enterprises/{enterprise.Id}", PreviousHash = AuditChain.Genesis,
        });
        JsonNode.Parse(entry.Description)!["name"]!.GetValue<string>().Should().Be("杭州审计示范有限公司");
        var row = JsonNode.Parse(entry.Changes)!.AsArray().Should().ContainSingle().Subject!;
        ((string?)row["table"]).Should().Be("Enterprises");
        ((string?)row["kind"]).Should().Be("added");
        ((string?)row["key"]).Should().Be(enterprise.Id);
        ((string?)row["after"]!["Name"]).Should().Be("杭州审计示范有限公司");
        row["before"].Should().BeNull();
        entry.Hash.Should().Be(AuditChain.Compute(entry)).And.HaveLength(64);
    }

    [Fact]
    public async Task A_modification_records_the_changed_columns_before_and_after_and_the_system_as_the_caller()
    {
        await _host.InScope(sp => ShippedDefinitions.EnsurePublishedAsync(sp.GetRequiredService<CertificationDbContext>(), sp.GetRequiredService<IMediator>()));
        var draft = await _host.Send(new Features.Workflows.ImportDefinition(Flows.DelayThenEnd().ToJsonString()));
        await _host.Send(new Features.Workflows.PublishDefinition(draft.DefinitionId, draft.Version));

        var publish = (await EntriesAsync()).Last();
        publish.Operation.Should().Be("PublishDefinition");
        publish.UserName.Should().Be("system");
        publish.Role.Should().Be(Caller.SystemRole);
        publish.ClientAddress.Should().BeNull();
        var row = JsonNode.Parse(publish.Changes)!.AsArray()
            .Single(r => (string?)r!["table"] == "WorkflowDefinitions" && (string?)r["kind"] == "modified")!;
        row["before"]!["IsPublished"]!.GetValue<bool>().Should().BeFalse();
        row["after"]!["IsPublished"]!.GetValue<bool>().Should().BeTrue();
        row["after"]!.AsObject().Select(p => p.Key).Should().NotContain("DefinitionId", "unchanged columns are not repeated");
        (await VerifyAsync()).Valid.Should().BeTrue();
    }

    [Fact]
    public async Task A_timer_fired_step_is_recorded_as_the_systems_with_the_instance_before_and_after()
    {
        await _host.PublishAsync(Flows.DelayThenEnd());
        var started = await _host.StartAsync("delay-flow");
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        (await _host.SweepTimersAsync()).Should().Be(1);

        var fired = (await EntriesAsync()).Last();
        fired.Operation.Should().Be("TimerFired");
        fired.UserName.Should().Be("system");
        var instance = JsonNode.Parse(fired.Changes)!.AsArray()
            .Single(r => (string?)r!["table"] == "WorkflowInstances")!;
        ((string?)instance["key"]).Should().Be(started.InstanceId);
        ((string?)instance["before"]!["Status"]).Should().Be("Suspended");
        ((string?)instance["after"]!["Status"]).Should().Be("Finished");
        fired.Targets.Should().Contain($"Bookmarks/");
        (await VerifyAsync()).Valid.Should().BeTrue();
    }

    [Fact]
    public async Task Document_bytes_are_recorded_by_hash_and_size()
    {
        var content = new DocumentContentProbe();
        await _host.InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            db.DocumentContents.Add(new Domain.Documents.DocumentContent(content.Sha256, content.Bytes));
            await db.SaveChangesAsync();
        });

        var row = JsonNode.Parse((await EntriesAsync()).Single().Changes)!.AsArray().Single()!;
        ((string?)row["key"]).Should().Be(content.Sha256);
        ((string?)row["after"]!["Bytes"]!["sha256"]).Should().Be(content.Sha256);
        row["after"]!["Bytes"]!["bytes"]!.GetValue<int>().Should().Be(content.Bytes.Length);
    }

    private sealed class DocumentContentProbe
    {
        public byte[] Bytes { get; } = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        public string Sha256 => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Bytes));
    }

    [Fact]
    public async Task An_altered_after_value_breaks_the_chain_at_that_entry()
    {
        var entries = await SeveralCommandsAsync();
        var victim = entries.Single(e => e.Changes.Contains("审计测试企业3"));
        await DisableAppendOnlyAsync();

        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Changes\" = REPLACE(\"Changes\", '审计测试企业3', '伪造企业') WHERE \"Sequence\" = {victim.Sequence}");

        (await VerifyAsync()).Should().BeEquivalentTo(new { Valid = false, FirstBrokenSequence = victim.Sequence, Reason = "altered", Entries = victim.Sequence - 1 });
    }

    [Fact]
    public async Task An_altered_caller_breaks_the_chain_at_that_entry()
    {
        var entries = await SeveralCommandsAsync();
        await DisableAppendOnlyAsync();

        await SqlAsync($"UPDATE \"AuditEntries\" SET \"UserName\" = 'someone-else' WHERE \"Sequence\" = {entries[1].Sequence}");

        (await VerifyAsync()).Should().BeEquivalentTo(new { Valid = false, FirstBrokenSequence = entries[1].Sequence, Reason = "altered" });
    }

    [Fact]
    public async Task A_deleted_entry_is_reported_missing()
    {
        var entries = await SeveralCommandsAsync();
        await DisableAppendOnlyAsync();

        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {entries[2].Sequence}");

        (await VerifyAsync()).Should().BeEquivalentTo(new { Valid = false, FirstBrokenSequence = entries[2].Sequence, Reason = "missing" });
    }

    [Fact]
    public async Task Deleting_the_last_entries_is_noticed_against_the_head()
    {
        var entries = await SeveralCommandsAsync();
        await DisableAppendOnlyAsync();

        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" >= {entries[^2].Sequence}");

        (await VerifyAsync()).Should().BeEquivalentTo(new { Valid = false, FirstBrokenSequence = entries[^2].Sequence, Reason = "truncated" });
    }

    [Fact]
    public async Task Two_swapped_entries_are_reported_reordered()
    {
        var entries = await SeveralCommandsAsync();
        var (first, second) = (entries[1].Sequence, entries[3].Sequence);
        await DisableAppendOnlyAsync();

        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = -1 WHERE \"Sequence\" = {first}");
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = {first} WHERE \"Sequence\" = {second}");
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = {second} WHERE \"Sequence\" = -1");

        (await VerifyAsync()).Should().BeEquivalentTo(new { Valid = false, FirstBrokenSequence = first, Reason = "reordered" });
    }

    [Fact]
    public async Task The_database_itself_refuses_to_update_or_delete_entries()
    {
        await SeveralCommandsAsync();

        await FluentActions.Awaiting(() => SqlAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'x'")).Should().ThrowAsync<DbException>();
        await FluentActions.Awaiting(() => SqlAsync("DELETE FROM \"AuditEntries\"")).Should().ThrowAsync<DbException>();
        if (TestDatabase.OnPostgres)
            await FluentActions.Awaiting(() => SqlAsync("TRUNCATE \"AuditEntries\"")).Should().ThrowAsync<DbException>();

        (await VerifyAsync()).Valid.Should().BeTrue();
    }

    [Fact]
    public async Task A_refused_command_leaves_no_entry()
    {
        await SeveralCommandsAsync();
        var before = await EntriesAsync();

        await FluentActions.Awaiting(() => _host.Send(new RegisterEnterprise("not-a-code", "", "330106")))
            .Should().ThrowAsync<RequestValidationException>();
        var existing = JsonNode.Parse(before[0].Changes)!.AsArray()[0]!["after"]!["CreditCode"]!.GetValue<string>();
        await FluentActions.Awaiting(() => _host.Send(new RegisterEnterprise(existing, "重复企业", "330106")))
            .Should().ThrowAsync<ConflictException>();

        (await EntriesAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task A_save_that_fails_in_the_database_writes_neither_its_rows_nor_an_entry()
    {
        var first = await RegisterAsync("先登记的企业");
        var before = await EntriesAsync();

        var save = () => _host.InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            var now = DateTime.UtcNow;
            db.Enterprises.Add(Enterprise.Register(Guid.NewGuid().ToString("D"), NewCreditCode(), "本应回滚的企业", "330106", null, null, null, now));
            db.Enterprises.Add(Enterprise.Register(Guid.NewGuid().ToString("D"), first.CreditCode, "重复代码的企业", "330106", null, null, null, now));
            await db.SaveChangesAsync();
        });

        await save.Should().ThrowAsync<DbUpdateException>();
        (await EntriesAsync()).Should().BeEquivalentTo(before);
        (await _host.Query(db => db.Enterprises.CountAsync())).Should().Be(1);
        (await VerifyAsync()).Valid.Should().BeTrue();
    }

    [Fact]
    public async Task A_lost_concurrency_race_writes_no_entry_and_keeps_the_409()
    {
        var enterprise = await RegisterAsync("并发修改的企业");
        var before = await EntriesAsync();

        var lost = () => _host.InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            var mine = await db.Enterprises.SingleAsync(e => e.Id == enterprise.Id);
            // Someone else commits a change of the same row first (and is audited).
            await _host.InScope(async other =>
            {
                var theirs = await other.GetRequiredService<CertificationDbContext>().Enterprises.SingleAsync(e => e.Id == enterprise.Id);
                theirs.UpdateProfile(new EnterpriseProfile { Employees = 111 }, DateTime.UtcNow);
                await other.GetRequiredService<CertificationDbContext>().SaveChangesAsync();
            });
            mine.UpdateProfile(new EnterpriseProfile { Employees = 222 }, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        await lost.Should().ThrowAsync<DbUpdateConcurrencyException>();
        var after = await EntriesAsync();
        after.Should().HaveCount(before.Count + 1, "only the winner's change is recorded");
        after[^1].Changes.Should().Contain("111").And.NotContain("222");
        (await VerifyAsync()).Valid.Should().BeTrue();
    }

    [Fact]
    public async Task Concurrent_commands_form_one_unbroken_chain()
    {
        var before = (await EntriesAsync()).Count;

        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => Task.Run(() => RegisterAsync($"并发企业{i}"))));

        var entries = await EntriesAsync();
        entries.Should().HaveCount(before + 12);
        entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i));
        (await VerifyAsync()).Should().BeEquivalentTo(new AuditVerification(true, entries.Count, null, null, null));
    }

    [Fact]
    public async Task Only_regulators_administrators_and_the_system_read_the_log()
    {
        await SeveralCommandsAsync();

        await FluentActions.Awaiting(() => SendAs(new Caller("e1", Roles.Enterprise, EnterpriseId: "x"), new VerifyAuditChain()))
            .Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Awaiting(() => SendAs(new Caller("r1", Roles.Reviewer, "33"), new ListAuditEntries()))
            .Should().ThrowAsync<ForbiddenException>();
        (await SendAs(new Caller("g1", Roles.Regulator), new VerifyAuditChain())).Valid.Should().BeTrue();
        (await SendAs(new Caller("a1", Roles.Admin), new ListAuditEntries())).Total.Should().BeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public async Task The_log_lists_newest_first_and_filters_by_user_command_target_and_time()
    {
        var mine = await SendAs(new Caller("li.si", Roles.Admin), new RegisterEnterprise(NewCreditCode(), "李四登记的企业", "330106"));
        await SeveralCommandsAsync();

        var all = await _host.Send(new ListAuditEntries(PageSize: 2));
        all.Items.Should().HaveCount(2);
        all.Items[0].Sequence.Should().BeGreaterThan(all.Items[1].Sequence);
        all.Total.Should().Be(6);

        (await _host.Send(new ListAuditEntries(User: "li.si"))).Items.Should().ContainSingle().Which.Targets.Should().Equal($"Enterprises/{mine.Id}");
        (await _host.Send(new ListAuditEntries(Target: mine.Id))).Items.Should().ContainSingle().Which.UserName.Should().Be("li.si");
        (await _host.Send(new ListAuditEntries(Command: "RegisterEnterprise"))).Total.Should().Be(6);
        var today = Domain.Time.ChinaTime.Today(_host.Clock);
        (await _host.Send(new ListAuditEntries(From: today.ToString("yyyy-MM-dd"), To: today.ToString("yyyy-MM-dd")))).Total.Should().Be(6);
        (await _host.Send(new ListAuditEntries(From: today.AddDays(1).ToString("yyyy-MM-dd")))).Total.Should().Be(0);
    }

    [Theory]
    [InlineData("2026-02-30", "from")]
    [InlineData("yesterday", "from")]
    public async Task An_impossible_date_filter_is_refused_naming_the_field(string text, string field)
    {
        var refused = await FluentActions.Awaiting(() => _host.Send(new ListAuditEntries(From: text)))
            .Should().ThrowAsync<RequestValidationException>();
        refused.Which.Errors.Should().ContainSingle().Which.Field.Should().Be(field);
    }
}
