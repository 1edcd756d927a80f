using System.Net;
using System.Net.Http.Json;
using Certification.Api.Tests.Identity;
using Certification.Tests.Shared;
using Certification.Workflows.Features.Audit;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Reliability;

/// <summary>
/// A database that stays locked longer than <c>Database:SqliteBusyTimeoutMs</c> (a backup, a long manual session): the
/// command is refused with a clear 503 problem and Retry-After, nothing is half written, and the host serves
/// normally again as soon as the lock is gone, without a restart.
/// </summary>
public sealed class DatabaseFaultTests
{
    private sealed class ImpatientFactory : WebApplicationFactory<Program>
    {
        public TestDatabase Database { get; } = TestDatabase.Create();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
            builder.UseSetting("Database:SqliteBusyTimeoutMs", "300");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) Database.Dispose();
        }
    }

    private static object Batch(string name) => new
    {
        name, tier = "innovative", regionPrefix = "33", opensOn = "2026-03-01", closesOn = "2026-03-31",
    };

    [Fact]
    public async Task A_locked_SQLite_database_answers_503_with_Retry_After_and_the_host_recovers_when_the_lock_is_released()
    {
        // PostgreSQL has no database-wide write lock: a held row lock makes writers wait, not fail.
        if (TestDatabase.OnPostgres) return;
        using var factory = new ImpatientFactory();
        var admin = factory.CreateClientAs(TestAccount.Admin);
        (await admin.PostAsJsonAsync("/api/batches", Batch("锁定前的批次"))).StatusCode.Should().Be(HttpStatusCode.Created);

        await using (var other = new SqliteConnection($"Data Source={factory.Database.File}"))
        {
            await other.OpenAsync();
            await using var holding = other.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock

            var refused = await admin.PostAsJsonAsync("/api/batches", Batch("锁定期间的批次"));
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            refused.Headers.RetryAfter.Should().NotBeNull();
            (await refused.Content.ReadAsStringAsync()).Should().Contain("请稍后重试");
            // Readers are not blocked by a writer (WAL): the batches can still be listed meanwhile.
            (await admin.GetAsync("/api/batches")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await admin.PostAsJsonAsync("/api/batches", Batch("解锁后的批次"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var names = (await admin.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/batches"))!.Select(b => b["name"].ToString());
        names.Should().BeEquivalentTo(["锁定前的批次", "解锁后的批次"], "the refused command left nothing behind");
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new VerifyAuditChain())).Valid.Should().BeTrue();
    }
}
