using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Certification.Api.Hosting;

/// <summary>
/// One host at a time through the first-start set-up of a PostgreSQL database (roles, shipped workflow definitions, the
/// shipped criteria version, demo data): each of these checks whether its rows exist, then inserts them, so two hosts
/// started together would both insert and the second would die on a unique index. A session advisory lock on a
/// connection of its own serialises them; the second host then finds everything in place. SQLite needs none (one host).
/// Migrations need none either: EF Core locks the history table itself.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>Any fixed number the product uses for nothing else ("CERTINIT").</summary>
    private const long Key = 0x43455254_494E4954;

    private readonly NpgsqlConnection? _connection;

    private StartupLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<StartupLock> AcquireAsync(DbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return new StartupLock(null);
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
        await command.ExecuteNonQueryAsync(ct);
        return new StartupLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection))
            await command.ExecuteNonQueryAsync();
        await _connection.DisposeAsync();
    }
}
