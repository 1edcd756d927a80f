using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Certification.Api.Benchmarks;

/// <summary>
/// <see cref="RawCommitBenchmark"/> on PostgreSQL: the same eight statements per commit (instance row updated with a
/// state as long as the run's average, the resumed task closed, a new task inserted, two journal lines, an audit entry
/// as long as the run's average, the audit head moved), prepared, on one connection, in a scratch schema of the
/// benchmark's own database (same server, same durability settings), dropped afterwards.
/// </summary>
public static class PostgresRawCommitBenchmark
{
    public static async Task<double> RunAsync(string connectionString, int stateLength, int changesLength, TimeSpan duration, CancellationToken ct)
    {
        var schema = $"bench_raw_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await ExecAsync(connection, $"""
            CREATE SCHEMA {schema};
            SET search_path TO {schema};
            CREATE TABLE instances (id text PRIMARY KEY, status text, state_json text, revision integer, updated_at text);
            CREATE TABLE tasks (id text PRIMARY KEY, instance_id text, title text, role text, region text, status text, outcome text, created_at text, completed_at text);
            CREATE INDEX ix_tasks_status ON tasks (status, role, region);
            CREATE TABLE journal (id bigserial PRIMARY KEY, instance_id text, sequence integer, activity_id text, outcome text, at text, message text);
            CREATE UNIQUE INDEX ix_journal ON journal (instance_id, sequence);
            CREATE TABLE audit (sequence bigint PRIMARY KEY, at text, operation text, changes text, previous_hash text, hash text);
            CREATE TABLE audit_head (id integer PRIMARY KEY, last_sequence bigint, last_hash text);
            INSERT INTO audit_head VALUES (1, 0, '');
            INSERT INTO instances VALUES ('instance', 'Running', '', 0, '');
            """, ct);
        try
        {
            var state = new string('s', stateLength);
            var changes = new string('c', changesLength);
            var updateInstance = await PrepareAsync(connection, "UPDATE instances SET state_json = @state || @n::text, revision = revision + 1, updated_at = @at WHERE id = 'instance' AND revision = @n - 1",
                ("state", NpgsqlDbType.Text), ("n", NpgsqlDbType.Integer), ("at", NpgsqlDbType.Text));
            var closeTask = await PrepareAsync(connection, "UPDATE tasks SET status = 'Completed', outcome = 'Passed', completed_at = @at WHERE id = @id",
                ("id", NpgsqlDbType.Text), ("at", NpgsqlDbType.Text));
            var insertTask = await PrepareAsync(connection, "INSERT INTO tasks VALUES (@id, 'instance', '省级形式审查', 'reviewer', '330106', 'Open', NULL, @at, NULL)",
                ("id", NpgsqlDbType.Text), ("at", NpgsqlDbType.Text));
            var insertJournal = await PrepareAsync(connection, "INSERT INTO journal (instance_id, sequence, activity_id, outcome, at, message) VALUES ('instance', @n, 'formalReview', 'Passed', @at, '省级形式审查：通过')",
                ("n", NpgsqlDbType.Integer), ("at", NpgsqlDbType.Text));
            var insertAudit = await PrepareAsync(connection, "INSERT INTO audit VALUES (@n, @at, 'CompleteReviewTask', @changes, 'previous-hash-0000000000000000000000000000000000000000000000000000', @hash)",
                ("n", NpgsqlDbType.Bigint), ("at", NpgsqlDbType.Text), ("changes", NpgsqlDbType.Text), ("hash", NpgsqlDbType.Text));
            var moveHead = await PrepareAsync(connection, "UPDATE audit_head SET last_sequence = @n, last_hash = @hash WHERE id = 1",
                ("n", NpgsqlDbType.Bigint), ("hash", NpgsqlDbType.Text));

            var commits = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                ct.ThrowIfCancellationRequested();
                var n = commits + 1;
                var at = DateTime.UtcNow.ToString("O");
                var hash = $"hash-{n:D60}";
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await RunAsync(updateInstance, transaction, ct, state, n, at);
                await RunAsync(closeTask, transaction, ct, $"task-{n - 1}", at);
                await RunAsync(insertTask, transaction, ct, $"task-{n}", at);
                await RunAsync(insertJournal, transaction, ct, 2 * n, at);
                await RunAsync(insertJournal, transaction, ct, 2 * n + 1, at);
                await RunAsync(insertAudit, transaction, ct, (long)n, at, changes, hash);
                await RunAsync(moveHead, transaction, ct, (long)n, hash);
                await transaction.CommitAsync(ct);
                commits++;
            }
            return commits / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await ExecAsync(connection, $"DROP SCHEMA {schema} CASCADE", CancellationToken.None);
        }
    }

    private static async Task<NpgsqlCommand> PrepareAsync(NpgsqlConnection connection, string sql, params (string Name, NpgsqlDbType Type)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, type) in parameters) command.Parameters.Add(new NpgsqlParameter(name, type));
        await command.PrepareAsync();
        return command;
    }

    private static async Task RunAsync(NpgsqlCommand command, NpgsqlTransaction transaction, CancellationToken ct, params object[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
