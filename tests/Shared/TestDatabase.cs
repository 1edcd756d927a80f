using Microsoft.Data.Sqlite;
using Npgsql;

namespace Certification.Tests.Shared;

/// <summary>
/// A database of its own for one test: a temporary SQLite file by default, or a fresh PostgreSQL database when the
/// environment variable <c>CERTIFICATION_TEST_POSTGRES</c> holds a server connection string (./test.sh runs the
/// whole suite both ways). Disposing deletes the file or drops the database.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "CERTIFICATION_TEST_POSTGRES";

    private readonly string? _postgresServer;

    public static bool OnPostgres => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    public string Provider { get; }
    public string ConnectionString { get; }
    /// <summary>The SQLite file, when on SQLite.</summary>
    public string? File { get; }

    private TestDatabase(string provider, string connectionString, string? file, string? postgresServer)
    {
        Provider = provider;
        ConnectionString = connectionString;
        File = file;
        _postgresServer = postgresServer;
    }

    public static TestDatabase Create()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            var builder = new NpgsqlConnectionStringBuilder(server) { Database = $"cert_test_{Guid.NewGuid():N}" };
            return new TestDatabase("Postgres", builder.ConnectionString, null, server);
        }
        var file = Path.Combine(Path.GetTempPath(), $"cert-test-{Guid.NewGuid():N}.db");
        return new TestDatabase("Sqlite", $"Data Source={file}", file, null);
    }

    /// <summary>The configuration keys that point the product at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", Provider),
        new("ConnectionStrings:Certification", ConnectionString),
    ];

    public void Dispose()
    {
        if (File is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                try { System.IO.File.Delete(File + suffix); } catch (IOException) { }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(admin.ConnectionString);
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }
}
