using System.Data.Common;
using System.Diagnostics;
using Certification.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Benchmarks;

/// <summary>
/// The floor the engine is compared with: bare commits of rows comparable to one workflow step, with prepared
/// statements on one connection and the product's durability settings (SQLite: WAL and its <c>synchronous</c>
/// setting, on a file beside the benchmark's database, i.e. the same disk). One commit = the instance row updated
/// with a state document as long as the run's average, the resumed task closed, a new task inserted, two journal
/// lines and an audit entry (as long as the run's average) appended and the audit head moved: eight statements.
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
        if (host.Database.Provider == DatabaseProvider.Postgres)
            return await PostgresRawCommitBenchmark.RunAsync(host.Database.ConnectionString, stateLength, changesLength, duration, ct);

        var file = new SqliteConnectionStringBuilder(host.Database.ConnectionString).DataSource + ".raw";
        foreach (var suffix in new[] { "", "-wal", "-shm" }) if (File.Exists(file + suffix)) File.Delete(file + suffix);
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(ct);
        await ExecAsync(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={host.Database.SqliteSynchronous}; PRAGMA busy_timeout=10000;");
        await ExecAsync(connection, """
            CREATE TABLE Instances (Id TEXT PRIMARY KEY, Status TEXT, StateJson TEXT, Revision INTEGER, UpdatedAt TEXT);
            CREATE TABLE Tasks (Id TEXT PRIMARY KEY, InstanceId TEXT, Title TEXT, Role TEXT, Region TEXT, Status TEXT, Outcome TEXT, CreatedAt TEXT, CompletedAt TEXT);
            CREATE INDEX IX_Tasks_Status ON Tasks (Status, Role, Region);
            CREATE TABLE Journal (Id INTEGER PRIMARY KEY, InstanceId TEXT, Sequence INTEGER, ActivityId TEXT, Outcome TEXT, At TEXT, Message TEXT);
            CREATE UNIQUE INDEX IX_Journal ON Journal (InstanceId, Sequence);
            CREATE TABLE Audit (Sequence INTEGER PRIMARY KEY, At TEXT, Operation TEXT, Changes TEXT, PreviousHash TEXT, Hash TEXT);
            CREATE TABLE AuditHead (Id INTEGER PRIMARY KEY, LastSequence INTEGER, LastHash TEXT);
            INSERT INTO AuditHead VALUES (1, 0, '');
            INSERT INTO Instances VALUES ('instance', 'Running', '', 0, '');
            """);

        var state = new string('s', stateLength);
        var changes = new string('c', changesLength);
        await using var updateInstance = Command(connection, "UPDATE Instances SET StateJson = $state || $n, Revision = Revision + 1, UpdatedAt = $at WHERE Id = 'instance' AND Revision = $n - 1");
        await using var closeTask = Command(connection, "UPDATE Tasks SET Status = 'Completed', Outcome = 'Passed', CompletedAt = $at WHERE Id = $id");
        await using var insertTask = Command(connection, "INSERT INTO Tasks VALUES ($id, 'instance', '省级形式审查', 'reviewer', '330106', 'Open', NULL, $at, NULL)");
        await using var insertJournal = Command(connection, "INSERT INTO Journal (InstanceId, Sequence, ActivityId, Outcome, At, Message) VALUES ('instance', $n, 'formalReview', 'Passed', $at, '省级形式审查：通过')");
        await using var insertAudit = Command(connection, "INSERT INTO Audit VALUES ($n, $at, 'CompleteReviewTask', $changes, 'previous-hash-0000000000000000000000000000000000000000000000000000', $hash)");
        await using var moveHead = Command(connection, "UPDATE AuditHead SET LastSequence = $n, LastHash = $hash WHERE Id = 1");

        var commits = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            ct.ThrowIfCancellationRequested();
            var n = commits + 1;
            var at = DateTime.UtcNow.ToString("O");
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await RunAsync(updateInstance, transaction, ("$state", state), ("$n", n), ("$at", at));
            await RunAsync(closeTask, transaction, ("$id", $"task-{n - 1}"), ("$at", at));
            await RunAsync(insertTask, transaction, ("$id", $"task-{n}"), ("$at", at));
            await RunAsync(insertJournal, transaction, ("$n", 2 * n), ("$at", at));
            await RunAsync(insertJournal, transaction, ("$n", 2 * n + 1), ("$at", at));
            await RunAsync(insertAudit, transaction, ("$n", n), ("$at", at), ("$changes", changes), ("$hash", $"hash-{n:D60}"));
            await RunAsync(moveHead, transaction, ("$n", n), ("$hash", $"hash-{n:D60}"));
            await transaction.CommitAsync(ct);
            commits++;
        }
        var rate = commits / clock.Elapsed.TotalSeconds;
        await connection.CloseAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) if (File.Exists(file + suffix)) File.Delete(file + suffix);
        return rate;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static async Task RunAsync(SqliteCommand command, SqliteTransaction transaction, params (string Name, object Value)[] parameters)
    {
        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
