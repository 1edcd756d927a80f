using System.Data.Common;
using System.Text;
using Certification.Workflows.Audit;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Certification.Workflows.Runtime;

/// <summary>
/// Sees the runtime's own commands, which bypass EF Core's interceptors: the benchmark's profile counts them with
/// the EF commands so that its round-trip figures stay complete.
/// </summary>
public interface IRawCommandObserver
{
    void Executed(DbCommand command);
}

/// <summary>
/// The runtime's own rows (instance, bookmarks, inbox tasks, journal), read and written with plain parameterised
/// commands on the context's connection and inside its current transaction. These rows have a fixed shape and are
/// written at every step: through EF's query pipeline and change tracker they cost several times the database work.
/// Values are bound as EF binds them (the providers' own DateTime binding: UTC <c>timestamp with time zone</c> on
/// PostgreSQL, ISO text on SQLite), so EF reads the rows back exactly as if it had written them.
/// </summary>
internal sealed class StepStore(CertificationDbContext db)
{
    private const string InstanceColumns =
        "i.\"Id\", i.\"DefinitionId\", i.\"DefinitionVersion\", i.\"Status\", i.\"CorrelationId\", i.\"StateJson\", " +
        "i.\"JournalCount\", i.\"Revision\", i.\"FaultMessage\", i.\"CreatedAt\", i.\"UpdatedAt\"";

    public Task<WorkflowInstanceRecord?> ReadInstanceAsync(string id, CancellationToken ct) =>
        QueryAsync($"SELECT {InstanceColumns} FROM \"WorkflowInstances\" i WHERE i.\"Id\" = @id",
            c => c.AddParameter("id", id),
            async r => await r.ReadAsync(ct) ? ReadInstance(r, 0) : null, ct);

    /// <summary>The instance waiting on a bookmark: null when no such bookmark; Instance null when not asked for or missing.</summary>
    public Task<(string InstanceId, WorkflowInstanceRecord? Instance)?> ReadBookmarkAsync(string bookmarkId, bool withInstance, CancellationToken ct) =>
        QueryAsync(withInstance
                ? $"SELECT b.\"InstanceId\", {InstanceColumns} FROM \"Bookmarks\" b LEFT JOIN \"WorkflowInstances\" i ON i.\"Id\" = b.\"InstanceId\" WHERE b.\"Id\" = @id"
                : "SELECT b.\"InstanceId\" FROM \"Bookmarks\" b WHERE b.\"Id\" = @id",
            c => c.AddParameter("id", bookmarkId),
            async r =>
            {
                if (!await r.ReadAsync(ct)) return ((string, WorkflowInstanceRecord?)?)null;
                return (r.GetString(0), withInstance && !r.IsDBNull(1) ? ReadInstance(r, 1) : null);
            }, ct);

    /// <summary>A task's state, for the answer to a bookmark that is gone.</summary>
    public Task<(string InstanceId, string Status, DateTime? CompletedAt, string? Outcome)?> ReadTaskAsync(string id, CancellationToken ct) =>
        QueryAsync("SELECT \"InstanceId\", \"Status\", \"CompletedAt\", \"Outcome\" FROM \"HumanTasks\" WHERE \"Id\" = @id",
            c => c.AddParameter("id", id),
            async r =>
            {
                if (!await r.ReadAsync(ct)) return ((string, string, DateTime?, string?)?)null;
                return (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetDateTime(2), r.IsDBNull(3) ? null : r.GetString(3));
            }, ct);

    public Task<int?> ReadRevisionAsync(string instanceId, CancellationToken ct) =>
        QueryAsync("SELECT \"Revision\" FROM \"WorkflowInstances\" WHERE \"Id\" = @id",
            c => c.AddParameter("id", instanceId),
            async r => await r.ReadAsync(ct) ? r.GetInt32(0) : (int?)null, ct);

    public Task InsertInstanceAsync(WorkflowInstanceRecord i, CancellationToken ct) =>
        ExecuteAsync(
            "INSERT INTO \"WorkflowInstances\" (\"Id\", \"DefinitionId\", \"DefinitionVersion\", \"Status\", \"CorrelationId\", \"StateJson\", \"JournalCount\", \"Revision\", \"FaultMessage\", \"CreatedAt\", \"UpdatedAt\") " +
            "VALUES (@id, @definition, @version, @status, @correlation, @state, @journal, @revision, @fault, @created, @updated)",
            c =>
            {
                c.AddParameter("id", i.Id); c.AddParameter("definition", i.DefinitionId); c.AddParameter("version", i.DefinitionVersion);
                c.AddParameter("status", i.Status); c.AddParameter("correlation", i.CorrelationId); c.AddParameter("state", i.StateJson);
                c.AddParameter("journal", i.JournalCount); c.AddParameter("revision", i.Revision); c.AddParameter("fault", i.FaultMessage);
                c.AddParameter("created", i.CreatedAt); c.AddParameter("updated", i.UpdatedAt);
            }, ct);

    /// <summary>The optimistic-concurrency write: false when another step moved the revision since it was read.</summary>
    public async Task<bool> UpdateInstanceAsync(WorkflowInstanceRecord i, int loadedRevision, CancellationToken ct) =>
        await ExecuteAsync(
            "UPDATE \"WorkflowInstances\" SET \"Status\" = @status, \"StateJson\" = @state, \"FaultMessage\" = @fault, \"UpdatedAt\" = @updated, " +
            "\"Revision\" = @revision, \"JournalCount\" = @journal WHERE \"Id\" = @id AND \"Revision\" = @loaded",
            c =>
            {
                c.AddParameter("status", i.Status); c.AddParameter("state", i.StateJson); c.AddParameter("fault", i.FaultMessage);
                c.AddParameter("updated", i.UpdatedAt); c.AddParameter("revision", i.Revision); c.AddParameter("journal", i.JournalCount);
                c.AddParameter("id", i.Id); c.AddParameter("loaded", loadedRevision);
            }, ct) == 1;

    /// <summary>Takes a timer's lease if nobody holds it or it ran out: the conditional UPDATE only one process wins.</summary>
    public async Task<bool> ClaimTimerAsync(string id, string owner, DateTime now, DateTime leaseUntil, CancellationToken ct) =>
        await ExecuteAsync(
            "UPDATE \"Bookmarks\" SET \"LeaseOwner\" = @owner, \"LeaseUntil\" = @until WHERE \"Id\" = @id AND (\"LeaseUntil\" IS NULL OR \"LeaseUntil\" < @now)",
            c => { c.AddParameter("owner", owner); c.AddParameter("until", leaseUntil); c.AddParameter("id", id); c.AddParameter("now", now); }, ct) > 0;

    /// <summary>Deletes the bookmarks and returns the rows as they were (the audit records them).</summary>
    public Task<List<BookmarkRecord>> DeleteBookmarksAsync(IReadOnlyList<string> ids, CancellationToken ct) =>
        QueryAsync(
            $"DELETE FROM \"Bookmarks\" WHERE \"Id\" IN ({List("b", ids.Count)}) " +
            "RETURNING \"Id\", \"InstanceId\", \"ActivityId\", \"Kind\", \"EventName\", \"DueAt\", \"LeaseOwner\", \"LeaseUntil\", \"CreatedAt\"",
            c => { for (var n = 0; n < ids.Count; n++) c.AddParameter("b" + n, ids[n]); },
            async r =>
            {
                var rows = new List<BookmarkRecord>(ids.Count);
                while (await r.ReadAsync(ct))
                    rows.Add(new BookmarkRecord
                    {
                        Id = r.GetString(0), InstanceId = r.GetString(1), ActivityId = r.GetString(2), Kind = r.GetString(3),
                        EventName = NullableString(r, 4), DueAt = NullableDate(r, 5), LeaseOwner = NullableString(r, 6),
                        LeaseUntil = NullableDate(r, 7), CreatedAt = r.GetDateTime(8),
                    });
                return rows;
            }, ct);

    /// <summary>
    /// Closes the open tasks among <paramref name="ids"/>: the resumed one completed with its outcome, the others
    /// cancelled. Returns the ids closed. Only open tasks are touched, so the values before are known (open, never closed).
    /// </summary>
    public Task<List<string>> CloseTasksAsync(IReadOnlyList<string> ids, string? resumedId, string? actor, string? outcome, DateTime now, CancellationToken ct) =>
        QueryAsync(
            "UPDATE \"HumanTasks\" SET " +
            $"\"Status\" = CASE WHEN \"Id\" = @resumed THEN '{HumanTaskStatus.Completed}' ELSE '{HumanTaskStatus.Cancelled}' END, " +
            "\"CompletedAt\" = @now, " +
            "\"CompletedBy\" = CASE WHEN \"Id\" = @resumed THEN @actor ELSE NULL END, " +
            "\"Outcome\" = CASE WHEN \"Id\" = @resumed THEN @outcome ELSE NULL END " +
            $"WHERE \"Id\" IN ({List("t", ids.Count)}) AND \"Status\" = '{HumanTaskStatus.Open}' RETURNING \"Id\"",
            c =>
            {
                c.AddParameter("resumed", resumedId, System.Data.DbType.String); c.AddParameter("now", now); c.AddParameter("actor", actor, System.Data.DbType.String); c.AddParameter("outcome", outcome, System.Data.DbType.String);
                for (var n = 0; n < ids.Count; n++) c.AddParameter("t" + n, ids[n]);
            },
            async r =>
            {
                var closed = new List<string>(ids.Count);
                while (await r.ReadAsync(ct)) closed.Add(r.GetString(0));
                return closed;
            }, ct);

    public Task InsertBookmarksAsync(IReadOnlyList<BookmarkRecord> rows, CancellationToken ct) =>
        InsertAsync("Bookmarks", ["Id", "InstanceId", "ActivityId", "Kind", "EventName", "DueAt", "CreatedAt"], rows,
            b => [b.Id, b.InstanceId, b.ActivityId, b.Kind, b.EventName, b.DueAt, b.CreatedAt], ct);

    public Task InsertTasksAsync(IReadOnlyList<HumanTaskRecord> rows, CancellationToken ct) =>
        InsertAsync("HumanTasks",
            ["Id", "InstanceId", "ActivityId", "ActivityType", "Title", "Role", "Region", "Assignee", "FormKey", "CorrelationId", "DueAt", "Status", "CreatedAt"],
            rows, t => [t.Id, t.InstanceId, t.ActivityId, t.ActivityType, t.Title, t.Role, t.Region, t.Assignee, t.FormKey, t.CorrelationId, t.DueAt, t.Status, t.CreatedAt], ct);

    /// <summary>Inserts the journal lines and sets their database-generated ids.</summary>
    public async Task InsertJournalAsync(IReadOnlyList<JournalEntryRecord> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        string[] columns = ["InstanceId", "Sequence", "ActivityId", "ActivityType", "ActivityName", "Outcome", "Actor", "At", "Message"];
        var ids = await QueryAsync(InsertSql("JournalEntries", columns, rows.Count) + " RETURNING \"Id\", \"Sequence\"",
            c => AddRows(c, rows, columns.Length, e => [e.InstanceId, e.Sequence, e.ActivityId, e.ActivityType, e.ActivityName, e.Outcome, e.Actor, e.At, e.Message]),
            async r =>
            {
                var bySequence = new Dictionary<int, long>(rows.Count);
                while (await r.ReadAsync(ct)) bySequence[r.GetInt32(1)] = r.GetInt64(0);
                return bySequence;
            }, ct);
        // Matched by sequence: neither database promises RETURNING rows in VALUES order.
        foreach (var entry in rows) entry.Id = ids[entry.Sequence];
    }

    private async Task InsertAsync<T>(string table, string[] columns, IReadOnlyList<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await ExecuteAsync(InsertSql(table, columns, rows.Count), c => AddRows(c, rows, columns.Length, values), ct);
    }

    private static string InsertSql(string table, string[] columns, int rowCount)
    {
        var sql = new StringBuilder($"INSERT INTO \"{table}\" (");
        sql.AppendJoin(", ", columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
        for (var row = 0; row < rowCount; row++)
        {
            if (row > 0) sql.Append(", ");
            sql.Append('(');
            for (var column = 0; column < columns.Length; column++)
                sql.Append(column > 0 ? ", @p" : "@p").Append(row).Append('_').Append(column);
            sql.Append(')');
        }
        return sql.ToString();
    }

    private static void AddRows<T>(DbCommand command, IReadOnlyList<T> rows, int columnCount, Func<T, object?[]> values)
    {
        for (var row = 0; row < rows.Count; row++)
        {
            var rowValues = values(rows[row]);
            for (var column = 0; column < columnCount; column++) command.AddParameter($"p{row}_{column}", rowValues[column]);
        }
    }

    private static string List(string prefix, int count) => string.Join(", ", Enumerable.Range(0, count).Select(n => $"@{prefix}{n}"));

    private static WorkflowInstanceRecord ReadInstance(DbDataReader r, int first) => new()
    {
        Id = r.GetString(first),
        DefinitionId = r.GetString(first + 1),
        DefinitionVersion = r.GetInt32(first + 2),
        Status = r.GetString(first + 3),
        CorrelationId = NullableString(r, first + 4),
        StateJson = r.GetString(first + 5),
        JournalCount = r.GetInt32(first + 6),
        Revision = r.GetInt32(first + 7),
        FaultMessage = NullableString(r, first + 8),
        CreatedAt = r.GetDateTime(first + 9),
        UpdatedAt = r.GetDateTime(first + 10),
    };

    private static string? NullableString(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
    private static DateTime? NullableDate(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetDateTime(ordinal);

    private Task<int> ExecuteAsync(string sql, Action<DbCommand> parameters, CancellationToken ct) =>
        RunAsync(sql, parameters, command => command.ExecuteNonQueryAsync(ct), ct);

    private Task<T> QueryAsync<T>(string sql, Action<DbCommand> parameters, Func<DbDataReader, Task<T>> read, CancellationToken ct) =>
        RunAsync(sql, parameters, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await read(reader);
        }, ct);

    /// <summary>One command on the context's connection, in its current transaction, with EF's command timeout.</summary>
    private async Task<T> RunAsync<T>(string sql, Action<DbCommand> parameters, Func<DbCommand, Task<T>> run, CancellationToken ct)
    {
        // EF counts opens: inside a transaction the connection stays open, outside it is closed again as after a query.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            // On SQLite the timeout bounds the wait for another writer's lock, as it does for EF's commands.
            if (db.Database.GetCommandTimeout() is { } timeout) command.CommandTimeout = timeout;
            parameters(command);
            var result = await run(command);
            db.RawCommands?.Executed(command);
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // The audit's view of these rows: the same tables, keys, kinds and columns (by name, as the model lists them) that
    // RowChange.From records for tracked rows, so the log reads as it did when EF wrote them.

    public static RowChange InstanceAdded(WorkflowInstanceRecord i) => RowChange.Added("WorkflowInstances", i.Id,
    [
        new("CorrelationId", i.CorrelationId), new("CreatedAt", i.CreatedAt), new("DefinitionId", i.DefinitionId),
        new("DefinitionVersion", i.DefinitionVersion), new("FaultMessage", i.FaultMessage), new("JournalCount", i.JournalCount),
        new("Revision", i.Revision), new("StateJson", i.StateJson), new("Status", i.Status), new("UpdatedAt", i.UpdatedAt),
    ]);

    public static RowChange? InstanceModified(WorkflowInstanceRecord before, WorkflowInstanceRecord after) => RowChange.Modified("WorkflowInstances", after.Id,
    [
        ("FaultMessage", before.FaultMessage, after.FaultMessage), ("JournalCount", before.JournalCount, after.JournalCount),
        ("Revision", before.Revision, after.Revision), ("StateJson", before.StateJson, after.StateJson),
        ("Status", before.Status, after.Status), ("UpdatedAt", before.UpdatedAt, after.UpdatedAt),
    ]);

    public static RowChange BookmarkAdded(BookmarkRecord b) => RowChange.Added("Bookmarks", b.Id, BookmarkColumns(b));

    public static RowChange BookmarkDeleted(BookmarkRecord b) => RowChange.Deleted("Bookmarks", b.Id, BookmarkColumns(b));

    private static KeyValuePair<string, object?>[] BookmarkColumns(BookmarkRecord b) =>
    [
        new("ActivityId", b.ActivityId), new("CreatedAt", b.CreatedAt), new("DueAt", b.DueAt), new("EventName", b.EventName),
        new("InstanceId", b.InstanceId), new("Kind", b.Kind), new("LeaseOwner", b.LeaseOwner), new("LeaseUntil", b.LeaseUntil),
    ];

    public static RowChange TaskAdded(HumanTaskRecord t) => RowChange.Added("HumanTasks", t.Id,
    [
        new("ActivityId", t.ActivityId), new("ActivityType", t.ActivityType), new("Assignee", t.Assignee),
        new("CompletedAt", t.CompletedAt), new("CompletedBy", t.CompletedBy), new("CorrelationId", t.CorrelationId),
        new("CreatedAt", t.CreatedAt), new("DueAt", t.DueAt), new("FormKey", t.FormKey), new("InstanceId", t.InstanceId),
        new("Outcome", t.Outcome), new("Region", t.Region), new("Role", t.Role), new("Status", t.Status), new("Title", t.Title),
    ]);

    /// <summary>An open task closed (see <see cref="CloseTasksAsync"/>: before, it was open and never closed).</summary>
    public static RowChange? TaskClosed(string id, string status, DateTime completedAt, string? completedBy, string? outcome) =>
        RowChange.Modified("HumanTasks", id,
        [
            ("CompletedAt", null, completedAt), ("CompletedBy", null, completedBy), ("Outcome", null, outcome),
            ("Status", HumanTaskStatus.Open, status),
        ]);

    public static RowChange JournalAdded(JournalEntryRecord e) => RowChange.Added("JournalEntries",
        e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
    [
        new("ActivityId", e.ActivityId), new("ActivityName", e.ActivityName), new("ActivityType", e.ActivityType),
        new("Actor", e.Actor), new("At", e.At), new("InstanceId", e.InstanceId), new("Message", e.Message),
        new("Outcome", e.Outcome), new("Sequence", e.Sequence),
    ]);
}
