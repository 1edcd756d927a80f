using System.Data.Common;
using System.Diagnostics;
using Certification.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Certification.Api.Benchmarks;

/// <summary>
/// The floor the engine is compared with: bare commits of rows comparable to one workflow step, with prepared
/// statements on one connection and the product's durability settings. One commit = the instance row updated with a
/// state document as long as the run's average, the resumed task closed, a new task inserted, two journal lines and an
/// audit entry (as long as the run's average) appended and the audit head moved: eight statements.
/// SQLite: WAL and the product's <c>synchronous</c>, on a file beside the benchmark's database (the same disk).
/// PostgreSQL: a scratch schema of the benchmark's own database (same server and settings), dropped afterwards.
/// </summary>
public static class RawCommitBenchmark
{
    public static async Task<double> RunAsync(BenchHost host, TimeSpan duration, CancellationToken ct = default)
    {
        int stateLength, changesLength;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
            stateLength = (int)(await db.WorkflowInstances.Select(i => (double?)i.StateJson.Length).AverageAsync(ct) ?? 2000);
            changesLength = (int)(await db.AuditEntries.Select(a => (double?)a.Changes.Length).AverageAsync(ct) ?? 1000);
        }

        var floor = host.Database.Provider == DatabaseProvider.Postgres
            ? PostgresFloor(host.Database.ConnectionString)
            : SqliteFloor(host.Database);
        await using var connection = floor.Connection;
        await connection.OpenAsync(ct);
        await ExecAsync(connection, floor.Setup, ct);
        try
        {
            return await CommitLoopAsync(connection, new string('s', stateLength), new string('c', changesLength), duration, ct);
        }
        finally
        {
            if (floor.Teardown is not null) await ExecAsync(connection, floor.Teardown, CancellationToken.None);
            await connection.CloseAsync();
            floor.Cleanup();
        }
    }

    /// <summary>The same statements on both databases: unquoted names (PostgreSQL folds them), named parameters.</summary>
    private static async Task<double> CommitLoopAsync(DbConnection connection, string state, string changes, TimeSpan duration, CancellationToken ct)
    {
        await using var updateInstance = Command(connection, "UPDATE Instances SET StateJson = @state, Revision = Revision + 1, UpdatedAt = @at WHERE Id = 'instance' AND Revision = @previous", "state", "at", "previous");
        await using var closeTask = Command(connection, "UPDATE Tasks SET Status = 'Completed', Outcome = 'Passed', CompletedAt = @at WHERE Id = @id", "at", "id");
        await using var insertTask = Command(connection, "INSERT INTO Tasks VALUES (@id, 'instance', '省级形式审查', 'reviewer', '330106', 'Open', NULL, @at, NULL)", "id", "at");
        await using var insertJournal = Command(connection, "INSERT INTO Journal (InstanceId, Sequence, ActivityId, Outcome, At, Message) VALUES ('instance', @n, 'formalReview', 'Passed', @at, '省级形式审查：通过')", "n", "at");
        await using var insertAudit = Command(connection, "INSERT INTO Audit VALUES (@n, @at, 'CompleteReviewTask', @changes, 'previous-hash-0000000000000000000000000000000000000000000000000000', @hash)", "n", "at", "changes", "hash");
        await using var moveHead = Command(connection, "UPDATE AuditHead SET LastSequence = @n, LastHash = @hash WHERE Id = 1", "n", "hash");

        var commits = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            ct.ThrowIfCancellationRequested();
            long n = commits + 1;
            var at = DateTime.UtcNow.ToString("O");
            var hash = $"hash-{n:D60}";
            await using var transaction = await connection.BeginTransactionAsync(ct);
            // The state differs at each commit, as a step's does.
            await RunAsync(updateInstance, transaction, ct, state + n, at, n - 1);
            await RunAsync(closeTask, transaction, ct, at, $"task-{n - 1}");
            await RunAsync(insertTask, transaction, ct, $"task-{n}", at);
            await RunAsync(insertJournal, transaction, ct, 2 * n, at);
            await RunAsync(insertJournal, transaction, ct, 2 * n + 1, at);
            await RunAsync(insertAudit, transaction, ct, n, at, changes, hash);
            await RunAsync(moveHead, transaction, ct, n, hash);
            await transaction.CommitAsync(ct);
            commits++;
        }
        return commits / clock.Elapsed.TotalSeconds;
    }

    private sealed record Floor(DbConnection Connection, string Setup, string? Teardown, Action Cleanup);

    private static Floor SqliteFloor(DatabaseSettings database)
    {
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource + ".raw";
        void Delete() { foreach (var suffix in new[] { "", "-wal", "-shm" }) if (File.Exists(file + suffix)) File.Delete(file + suffix); }
        Delete();
        return new Floor(new SqliteConnection($"Data Source={file};Pooling=False"), $"""
            PRAGMA journal_mode=WAL; PRAGMA synchronous={database.SqliteSynchronous}; PRAGMA busy_timeout=10000;
            CREATE TABLE Instances (Id TEXT PRIMARY KEY, Status TEXT, StateJson TEXT, Revision INTEGER, UpdatedAt TEXT);
            CREATE TABLE Tasks (Id TEXT PRIMARY KEY, InstanceId TEXT, Title TEXT, Role TEXT, Region TEXT, Status TEXT, Outcome TEXT, CreatedAt TEXT, CompletedAt TEXT);
            CREATE INDEX IX_Tasks_Status ON Tasks (Status, Role, Region);
            CREATE TABLE Journal (Id INTEGER PRIMARY KEY, InstanceId TEXT, Sequence INTEGER, ActivityId TEXT, Outcome TEXT, At TEXT, Message TEXT);
            CREATE UNIQUE INDEX IX_Journal ON Journal (InstanceId, Sequence);
            CREATE TABLE Audit (Sequence INTEGER PRIMARY KEY, At TEXT, Operation TEXT, Changes TEXT, PreviousHash TEXT, Hash TEXT);
            CREATE TABLE AuditHead (Id INTEGER PRIMARY KEY, LastSequence INTEGER, LastHash TEXT);
            INSERT INTO AuditHead VALUES (1, 0, '');
            INSERT INTO Instances VALUES ('instance', 'Running', '', 0, '');
            """, null, Delete);
    }

    private static Floor PostgresFloor(string connectionString)
    {
        var schema = $"bench_raw_{Guid.NewGuid():N}";
        // Npgsql prepares a statement on the server once it has run a few times on the connection.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, MaxAutoPrepare = 16, AutoPrepareMinUsages = 2 };
        return new Floor(new NpgsqlConnection(builder.ConnectionString), $"""
            CREATE SCHEMA {schema};
            SET search_path TO {schema};
            CREATE TABLE Instances (Id text PRIMARY KEY, Status text, StateJson text, Revision bigint, UpdatedAt text);
            CREATE TABLE Tasks (Id text PRIMARY KEY, InstanceId text, Title text, Role text, Region text, Status text, Outcome text, CreatedAt text, CompletedAt text);
            CREATE INDEX IX_Tasks_Status ON Tasks (Status, Role, Region);
            CREATE TABLE Journal (Id bigserial PRIMARY KEY, InstanceId text, Sequence bigint, ActivityId text, Outcome text, At text, Message text);
            CREATE UNIQUE INDEX IX_Journal ON Journal (InstanceId, Sequence);
            CREATE TABLE Audit (Sequence bigint PRIMARY KEY, At text, Operation text, Changes text, PreviousHash text, Hash text);
            CREATE TABLE AuditHead (Id integer PRIMARY KEY, LastSequence bigint, LastHash text);
            INSERT INTO AuditHead VALUES (1, 0, '');
            INSERT INTO Instances VALUES ('instance', 'Running', '', 0, '');
            """, $"DROP SCHEMA {schema} CASCADE", () => { });
    }

    private static DbCommand Command(DbConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static async Task RunAsync(DbCommand command, DbTransaction transaction, CancellationToken ct, params object[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
