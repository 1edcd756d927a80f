using Certification.Api.Identity;
using Certification.Api.Tests.Persistence;
using Certification.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Tests.Identity;

/// <summary>
/// The identity store's migrations are hand-written like the lifecycle's: applying them must yield exactly the schema
/// EF Core creates from the Identity model (tables, columns, types, nullability, keys, indexes), in a history table of
/// their own so that both contexts share one database.
/// </summary>
public sealed class IdentityMigrationsMatchModelTests
{
    [Fact]
    public async Task Migrated_identity_schema_equals_the_schema_of_the_model()
    {
        var migrated = await SchemaOf(db => DatabaseMigration.MigrateAsync(db));
        var modelled = await SchemaOf(db => db.Database.EnsureCreatedAsync());

        migrated.Except(modelled).Should().BeEmpty("the migrations must not create what the model lacks");
        modelled.Except(migrated).Should().BeEmpty("the migrations must create all the model has");
        migrated.Should().Equal(modelled);
    }

    [Fact]
    public async Task Both_contexts_migrate_one_database_each_with_its_own_history()
    {
        var file = Path.Combine(Path.GetTempPath(), $"schema-{Guid.NewGuid():N}.db");
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}", "NORMAL");
        try
        {
            var lifecycle = new DbContextOptionsBuilder<CertificationDbContext>();
            settings.Configure(lifecycle);
            var identity = new DbContextOptionsBuilder<IdentityStore>();
            IdentityStore.Configure(settings, identity);
            await using (var db = new CertificationDbContext(lifecycle.Options)) await DatabaseMigration.MigrateAsync(db);
            await using (var db = new IdentityStore(identity.Options)) await DatabaseMigration.MigrateAsync(db);

            var tables = MigrationsMatchModelTests.Query(new SqliteConnection($"Data Source={file}"),
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name");
            tables.Should().Contain(["AspNetUsers", "Applications", IdentityStore.HistoryTable, "__EFMigrationsHistory"]);
            await using var again = new IdentityStore(identity.Options);
            (await again.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task<List<string>> SchemaOf(Func<IdentityStore, Task> create)
    {
        var file = Path.Combine(Path.GetTempPath(), $"schema-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<IdentityStore>();
        IdentityStore.Configure(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}", "NORMAL"), options);
        try
        {
            await using (var db = new IdentityStore(options.Options)) await create(db);
            return MigrationsMatchModelTests.Describe(file);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
