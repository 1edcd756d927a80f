using System.Data.Common;
using Certification.Api.Benchmarks;
using Certification.Domain;
using Certification.Domain.Applications;
using Certification.Tests.Shared;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Documents;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>
/// A document deleted while a submission is under way: the submission freezes the dossier as it stands when it
/// commits, never a list that no longer holds. Either the deletion comes first and the submission is refused, or the
/// submission holds the application and the deletion is refused after it. On both databases.
/// </summary>
public sealed class DossierRaceTests
{
    [Fact]
    public async Task A_document_deleted_after_the_submission_read_the_dossier_makes_the_submission_refuse()
    {
        await using var race = await Race.StartAsync();
        // Right after the submission's first read of the documents, before its transaction: the deletion runs to its end.
        race.Hook.When = command => command.Transaction is null && command.CommandText.Contains("FROM \"Documents\"", StringComparison.Ordinal);
        race.Hook.Action = async () => race.Deletion = await Outcome(race.DeleteAsync);

        var submission = await Outcome(race.SubmitAsync);

        race.Hook.Fired.Should().BeTrue();
        race.Deletion.Should().BeNull("the deletion came first and committed");
        submission.Should().BeOfType<ConflictException>().Which.Message.Should().Contain("申报材料或称号库发生了变化");
        var (status, documentStored, versions) = await race.StoredAsync();
        status.Should().Be(ApplicationStatus.Draft);
        documentStored.Should().BeFalse();
        versions.Should().BeEmpty();
    }

    [Fact]
    public async Task A_document_deleted_while_the_submission_holds_the_application_is_refused_after_it()
    {
        await using var race = await Race.StartAsync();
        // Right after the submission confirmed the application's revision inside its transaction: the deletion starts and
        // must wait for the submission (the row lock on PostgreSQL, the write lock on SQLite).
        Task<Exception?>? deletion = null;
        race.Hook.When = command => command.Transaction is not null && command.CommandText.Contains("\"Revision\" AS \"Value\"", StringComparison.Ordinal);
        race.Hook.Action = async () =>
        {
            deletion = Task.Run(() => Outcome(race.DeleteAsync));
            await Task.WhenAny(deletion, Task.Delay(TimeSpan.FromSeconds(1)));
        };

        var submission = await Outcome(race.SubmitAsync);

        race.Hook.Fired.Should().BeTrue();
        submission.Should().BeNull("the submission held the application");
        (await deletion!).Should().BeOfType<DomainStateException>("a submitted dossier is no longer editable");
        var (status, documentStored, versions) = await race.StoredAsync();
        status.Should().NotBe(ApplicationStatus.Draft);
        documentStored.Should().BeTrue();
        versions.Should().ContainSingle().Which.Should().Contain(race.DocumentId);
    }

    private static async Task<Exception?> Outcome(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception e) when (e is ConflictException or DomainStateException or DbUpdateConcurrencyException) { return e; }
    }

    /// <summary>One seeded draft, its enterprise, one of its documents, and a hook into the submission's commands.</summary>
    private sealed class Race : IAsyncDisposable
    {
        private readonly TestDatabase _database;
        private readonly BenchHost _bench;
        private readonly BenchApplication _draft;
        private readonly Caller _enterprise;

        private Race(TestDatabase database, BenchHost bench, CommandHook hook, BenchApplication draft, string documentId)
        {
            _database = database;
            _bench = bench;
            Hook = hook;
            _draft = draft;
            DocumentId = documentId;
            _enterprise = new Caller($"race-{draft.Index}", Roles.Enterprise, EnterpriseId: draft.EnterpriseId);
        }

        public CommandHook Hook { get; }
        public string DocumentId { get; }
        public Exception? Deletion { get; set; }

        public static async Task<Race> StartAsync()
        {
            var database = TestDatabase.Create();
            var hook = new CommandHook();
            var bench = await BenchHost.StartAsync(database.Settings, BenchHost.Start,
                services => services.ConfigureDbContext<CertificationDbContext>(o => o.AddInterceptors(hook)));
            var draft = (await new LifecycleBenchmark(bench, 3, 1, TextWriter.Null).SeedAsync(1)).Drafts.Single();
            await using var scope = bench.Services.CreateAsyncScope();
            var documentId = await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().Documents
                .Where(d => d.ApplicationId == draft.ApplicationId).Select(d => d.Id).FirstAsync();
            return new Race(database, bench, hook, draft, documentId);
        }

        public Task SubmitAsync() => SendAsync(new SubmitApplication(_draft.ApplicationId, _enterprise.UserName));

        public Task DeleteAsync() => SendAsync(new DeleteDocument(_draft.ApplicationId, DocumentId));

        public async Task<(string Status, bool DocumentStored, List<string> Versions)> StoredAsync()
        {
            await using var scope = _bench.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
            var status = await db.Applications.Where(a => a.Id == _draft.ApplicationId).Select(a => a.Status).SingleAsync();
            var stored = await db.Documents.AnyAsync(d => d.Id == DocumentId);
            var versions = await db.ApplicationVersions.Where(v => v.ApplicationId == _draft.ApplicationId).Select(v => v.DocumentsJson).ToListAsync();
            return (status, stored, versions);
        }

        private async Task SendAsync<T>(IRequest<T> request)
        {
            await using var scope = _bench.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().Current = _enterprise;
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        }

        public async ValueTask DisposeAsync()
        {
            await _bench.DisposeAsync();
            _database.Dispose();
        }
    }

    /// <summary>Runs an action once, right after the first command that matches <see cref="When"/> has read its rows.</summary>
    private sealed class CommandHook : DbCommandInterceptor
    {
        private int _fired;
        public Func<DbCommand, bool>? When { get; set; }
        public Func<Task>? Action { get; set; }
        public bool Fired => _fired == 1;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (When is { } when && Action is { } action && when(command) && Interlocked.Exchange(ref _fired, 1) == 0)
                await action();
            return result;
        }
    }
}
