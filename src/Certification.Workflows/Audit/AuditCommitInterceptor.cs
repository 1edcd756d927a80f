using System.Data.Common;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Certification.Workflows.Audit;

/// <summary>
/// Appends the audit entry of a transaction's changes just before that transaction commits (so the head row is locked
/// only for the last moment), and forgets staged changes of a transaction that does not commit.
/// </summary>
public sealed class AuditCommitInterceptor : DbTransactionInterceptor
{
    public static AuditCommitInterceptor Instance { get; } = new();

    private AuditCommitInterceptor() { }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (TrailOf(eventData) is { HasPending: true } trail)
            await trail.AppendAsync(transaction, IsPostgres(eventData), cancellationToken);
        return result;
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (TrailOf(eventData) is { HasPending: true } trail)
            trail.AppendAsync(transaction, IsPostgres(eventData), CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        TrailOf(eventData)?.Discard();
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        TrailOf(eventData)?.Discard();
        return ValueTask.FromResult(result);
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => TrailOf(eventData)?.Discard();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TrailOf(eventData)?.Discard();
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => TrailOf(eventData)?.Discard();

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TrailOf(eventData)?.Discard();
        return Task.CompletedTask;
    }

    private static AuditTrail? TrailOf(DbContextEventData eventData) => (eventData.Context as CertificationDbContext)?.Audit;

    private static bool IsPostgres(DbContextEventData eventData) => eventData.Context?.Database.IsNpgsql() == true;
}
