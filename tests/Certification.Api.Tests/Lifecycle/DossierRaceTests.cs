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
/// A document deleted while a submission is between its last look at the dossier and its commit: either the deletion
/// wins and the application stays a draft, or the submission wins and the deletion is refused. Never both, which would
/// leave a submitted version naming a document the application no longer has.
/// </summary>
public sealed class DossierRaceTests
{
    [Fact]
    public async Task A_document_deleted_while_a_submission_commits_leaves_either_a_draft_without_it_or_a_submission_with_it()
    {
        using var database = TestDatabase.Create();
        var hook = new AfterDossierConfirmation();
        await using var bench = await BenchHost.StartAsync(database.Settings, BenchHost.Start,
            services => services.ConfigureDbContext<CertificationDbContext>(o => o.AddInterceptors(hook)));
        var draft = (await new LifecycleBenchmark(bench, 3, 1, TextWriter.Null).SeedAsync(1)).Drafts.Single();
        var enterprise = new Caller($"race-{draft.Index}", Roles.Enterprise, EnterpriseId: draft.EnterpriseId);
        string documentId;
        await using (var scope = bench.Services.CreateAsyncScope())
            documentId = await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().Documents
                .Where(d => d.ApplicationId == draft.ApplicationId).Select(d => d.Id).FirstAsync();

        // The deletion starts once the submission has confirmed the dossier inside its transaction. On PostgreSQL it
        // runs to its end there and then (nothing it touches is locked yet); on SQLite it waits for the write lock.
        Task<Exception?>? deletion = null;
        hook.Action = async () =>
        {
            deletion = Task.Run(() => Outcome(() => SendAsync(bench, enterprise, new DeleteDocument(draft.ApplicationId, documentId))));
            if (TestDatabase.OnPostgres) await deletion;
        };
        var submission = await Outcome(() => SendAsync(bench, enterprise, new SubmitApplication(draft.ApplicationId, enterprise.UserName)));
        hook.Fired.Should().BeTrue("the deletion must have raced the submission");
        var deleted = await deletion!;

        (submission is null ^ deleted is null).Should().BeTrue($"exactly one of the two commits (submission: {submission?.Message ?? "ok"}; deletion: {deleted?.Message ?? "ok"})");
        await using (var scope = bench.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
            var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == draft.ApplicationId);
            var stillThere = await db.Documents.AnyAsync(d => d.Id == documentId);
            var versions = await db.ApplicationVersions.Where(v => v.ApplicationId == draft.ApplicationId).Select(v => v.DocumentsJson).ToListAsync();
            if (submission is null)
            {
                application.Status.Should().NotBe(ApplicationStatus.Draft);
                stillThere.Should().BeTrue();
                versions.Should().ContainSingle().Which.Should().Contain(documentId);
            }
            else
            {
                application.Status.Should().Be(ApplicationStatus.Draft);
                stillThere.Should().BeFalse();
                versions.Should().BeEmpty();
            }
        }
    }

    private static async Task<Exception?> Outcome(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception e) when (e is ConflictException or DomainStateException or DbUpdateConcurrencyException) { return e; }
    }

    private static async Task SendAsync<T>(BenchHost bench, Caller caller, IRequest<T> request)
    {
        await using var scope = bench.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Current = caller;
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Runs an action once, right after the first read of the documents inside a transaction: the submission's confirmation.</summary>
    private sealed class AfterDossierConfirmation : DbCommandInterceptor
    {
        private int _fired;
        public Func<Task>? Action { get; set; }
        public bool Fired => _fired == 1;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (Action is not null && command.Transaction is not null && command.CommandText.Contains("FROM \"Documents\"", StringComparison.Ordinal)
                && Interlocked.Exchange(ref _fired, 1) == 0)
                await Action();
            return result;
        }
    }
}
