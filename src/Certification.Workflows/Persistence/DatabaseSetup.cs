using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Certification.Workflows.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Reads <c>Database:*</c> and <c>ConnectionStrings:Certification</c> and configures EF Core for them.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string SqliteSynchronous)
{
    public const string DefaultSqlite = "Data Source=data/certification.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new InvalidOperationException(
                $"Database:Provider '{providerText}' is not supported; use Sqlite or Postgres.");
        var connectionString = configuration.GetConnectionString("Certification");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Certification is empty.");
            connectionString = DefaultSqlite;
        }
        // FULL: an acknowledged command survives power loss, not only a process crash.
        var synchronous = (configuration["Database:SqliteSynchronous"] ?? "FULL").ToUpperInvariant();
        if (synchronous is not ("FULL" or "NORMAL" or "EXTRA" or "OFF"))
            throw new InvalidOperationException($"Database:SqliteSynchronous '{synchronous}' must be FULL, NORMAL, EXTRA or OFF.");
        return new DatabaseSettings(provider, connectionString, synchronous);
    }

    public void Configure(DbContextOptionsBuilder options) => Configure(options, null);

    /// <summary>
    /// Configures another context on the same database; <paramref name="migrationsHistoryTable"/> keeps its
    /// migrations apart from the lifecycle's (e.g. the identity store).
    /// </summary>
    public void Configure(DbContextOptionsBuilder options, string? migrationsHistoryTable)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(PrepareSqlite(ConnectionString), o =>
                {
                    if (migrationsHistoryTable is not null) o.MigrationsHistoryTable(migrationsHistoryTable);
                });
                options.AddInterceptors(new SqlitePragmas(SqliteSynchronous));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o =>
                {
                    if (migrationsHistoryTable is not null) o.MigrationsHistoryTable(migrationsHistoryTable);
                });
                break;
        }
        options.AddInterceptors(Audit.AuditCommitInterceptor.Instance);
        // Migrations are written by hand (no EF design-time package on the feed), so there is no model
        // snapshot to compare with; MigrationsMatchModelTests checks migrations against the model instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>Creates the folder of a file database so that a fresh clone starts without set-up.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }

    private sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
    {
        private readonly string _sql = $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = _sql;
            command.ExecuteNonQuery();
        }
    }
}

public static class DatabaseMigration
{
    /// <summary>Applies pending migrations; SQLite files are switched to WAL (a persistent setting) first.</summary>
    public static async Task MigrateAsync(DbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            try { await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct); }
            finally { await db.Database.CloseConnectionAsync(); }
        }
        await db.Database.MigrateAsync(ct);
    }
}
