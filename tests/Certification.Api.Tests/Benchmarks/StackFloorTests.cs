using Certification.Api.Benchmarks;
using Certification.Api.Tests.Reliability;
using Certification.Tests.Shared;
using Certification.Workflows.Persistence;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Benchmarks;

/// <summary>
/// <c>bench floor</c> bounds what <c>bench lifecycle</c> can reach, so its levels must do what they say: the write level
/// really commits a changed row with its audit entry through the product's pipeline, once per command.
/// </summary>
public sealed class StackFloorTests
{
    [Fact]
    public async Task The_write_level_commits_one_touched_application_and_one_audit_entry_per_command()
    {
        using var database = TestDatabase.Create();
        await using var bench = await BenchHost.StartAsync(database.Settings, BenchHost.Start, StackFloorBenchmark.Register);

        var report = await new StackFloorBenchmark(bench, 2, TextWriter.Null).RunAsync(30);

        report.Levels.Select(l => l.Level).Should().Equal("Empty", "Read", "Write");
        report.Levels.Should().OnlyContain(l => l.Commands == 30 && l.CommandsPerSecond > 0);
        report.RawCommitsPerSecond.Should().BePositive();
        await using var scope = bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        // The warm-up pass and the measured pass each touched every one of the 30 drafts once.
        (await db.AuditEntries.CountAsync(a => a.Operation == nameof(FloorCommand))).Should().Be(60);
        (await db.Applications.Select(a => a.Revision).ToListAsync()).Should().HaveCount(30).And.OnlyContain(r => r == 2);
        await CrashTests.AuditChainIsIntactAsync(bench);
    }
}
