using Certification.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Tests.Persistence;

/// <summary>
/// Migrations are written by hand (no EF design-time package on our feed). This proves that applying them yields
/// exactly the schema EF Core would create from the model: same tables, columns, types, nullability, keys and indexes.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    [Fact]
    public async Task Migrated_schema_equals_the_schema_of_the_model()
    {
        var migrated = await SchemaOf(db => DatabaseMigration.MigrateAsync(db));
        var modelled = await SchemaOf(db => db.Database.EnsureCreatedAsync());

        migrated.Except(modelled).Should().BeEmpty("the migrations must not create what the model lacks");
        modelled.Except(migrated).Should().BeEmpty("the migrations must create all the model has");
        migrated.Should().Equal(modelled);
    }

    private static async Task<List<string>> SchemaOf(Func<CertificationDbContext, Task> create)
    {
        var file = Path.Combine(Path.GetTempPath(), $"schema-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<CertificationDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}", "NORMAL").Configure(options);
        try
        {
            await using (var db = new CertificationDbContext(options.Options)) await create(db);
            return Describe(file);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    internal static List<string> Describe(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        var lines = new List<string>();
        var tables = Query(connection,
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' AND name NOT LIKE '__Identity%' ORDER BY name");
        foreach (var table in tables)
        {
            foreach (var column in Query(connection, $"SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{table}') ORDER BY name"))
                lines.Add($"{table}.{column}");
            foreach (var index in Query(connection, $"SELECT name || ' unique=' || \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c' ORDER BY name"))
            {
                var name = index.Split(' ')[0];
                var columns = string.Join(",", Query(connection, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno"));
                lines.Add($"{table} index {index} ({columns})");
            }
            var sql = Query(connection, $"SELECT sql FROM sqlite_master WHERE name = '{table}'").Single();
            lines.Add($"{table} autoincrement={sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");
        }
        return lines;
    }

    internal static List<string> Query(SqliteConnection connection, string sql)
    {
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read()) result.Add(reader.GetString(0));
        return result;
    }
}
