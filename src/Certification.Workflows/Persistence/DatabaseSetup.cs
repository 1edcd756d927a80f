using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Certification.Workflows.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Reads <c>Database:*</c> and <c>ConnectionStrings:Certification</c> and configures EF Core for them.</summary>
/// <param name="SqliteBusyTimeoutMs">How long a SQLite command waits for another writer's lock before it fails
/// (<c>Database:SqliteBusyTimeoutMs</c>); the host then answers 503 with Retry-After.</param>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string SqliteSynchronous, int SqliteBusyTimeoutMs = 10000)
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
        var busyText = configuration["Database:SqliteBusyTimeoutMs"];
        var busy = 10000;
        if (busyText is not null && (!int.TryParse(busyText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out busy) || busy > 600_000))
            throw new InvalidOperationException($"Database:SqliteBusyTimeoutMs '{busyText}' must be a whole number of milliseconds from 0 to 600000.");
        return new DatabaseSettings(provider, connectionString, synchronous, busy);
    }

    public void Configure(DbContextOptionsBuilder options) => Configure(options, null);

    // Configure runs for every DbContext (every request): the folder check and the interceptor are made once per database.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), string> PreparedSqlite = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), SqlitePragmas> Pragmas = new();

    /// <summary>
    /// Configures another context on the same database; <paramref name="migrationsHistoryTable"/> keeps its
    /// migrations apart from the lifecycle's (e.g. the identity store).
    /// </summary>
    public void Configure(DbContextOptionsBuilder options, string? migrationsHistoryTable)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(PreparedSqlite.GetOrAdd((ConnectionString, SqliteBusyTimeoutMs), key => PrepareSqlite(key.Item1, key.Item2)), o =>
                {
                    // Microsoft.Data.Sqlite retries a busy statement until the command timeout (30 s by default) on top of
                    // busy_timeout: both follow Database:SqliteBusyTimeoutMs, so a held lock fails in about that time.
                    o.CommandTimeout(Math.Max(1, (SqliteBusyTimeoutMs + 999) / 1000));
                    if (migrationsHistoryTable is not null) o.MigrationsHistoryTable(migrationsHistoryTable);
                });
                options.AddInterceptors(Pragmas.GetOrAdd((SqliteSynchronous, SqliteBusyTimeoutMs), key => new SqlitePragmas(key.Item1, key.Item2)));
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
    private static string PrepareSqlite(string connectionString, int busyTimeoutMs)
    {
        // BEGIN IMMEDIATE retries under the connection's default timeout: the same bound as the commands'.
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = Math.Max(1, (busyTimeoutMs + 999) / 1000) };
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }

    /// <summary>
    /// The pragmas are settings of a native connection, which the pool hands out again and again: they are set once
    /// per native connection, not at every open (EF opens and closes the connection around each query).
    /// </summary>
    private sealed class SqlitePragmas(string synchronous, int busyTimeoutMs) : DbConnectionInterceptor
    {
        private readonly string _sql = $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA foreign_keys=ON;";
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle })
            {
                if (_configured.TryGetValue(handle, out _)) return;
                _configured.AddOrUpdate(handle, handle);
            }
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
