using Certification.Api.Hosting;
using Certification.Api.Identity;
using Certification.Workflows;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Benchmarks;

/// <summary>
/// The product's services as the host builds them (same configuration sources, database settings and pipeline),
/// with the benchmark's clock, on a SQLite file (<c>--db</c>) or, without one, a fresh temporary file.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    /// <summary>Monday 2 March 2026, 09:00 Beijing time: a working week, inside the benchmark batch's window.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly string? _temporary;

    public ServiceProvider Services { get; }
    public BenchClock Clock { get; }
    public DatabaseSettings Database { get; }
    public string DatabaseDescription { get; }

    private BenchHost(ServiceProvider services, BenchClock clock, DatabaseSettings database, string? temporary)
    {
        Services = services;
        Clock = clock;
        Database = database;
        _temporary = temporary;
        DatabaseDescription = database.Provider == DatabaseProvider.Sqlite
            ? $"SQLite {new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource} (WAL, synchronous={database.SqliteSynchronous})"
            : "PostgreSQL";
    }

    /// <param name="databasePath">A SQLite file; null: the configured database when <paramref name="useConfigured"/>, else a temporary file.</param>
    /// <param name="roundTrips">counts the database commands of each benchmark command (<c>--profile</c>).</param>
    /// <param name="start">where the clock starts (default <see cref="Start"/>).</param>
    /// <param name="extra">services a benchmark adds (its own commands' handlers).</param>
    public static Task<BenchHost> StartAsync(string? databasePath, bool useConfigured = false, RoundTrips? roundTrips = null, DateTimeOffset? start = null,
        Action<IServiceCollection>? extra = null)
    {
        string? temporary = null;
        if (databasePath is null && !useConfigured)
            databasePath = temporary = Path.Combine(Path.GetTempPath(), $"cert-bench-{Guid.NewGuid():N}.db");
        return StartAsync(HostConfiguration.Build(databasePath), start ?? Start, temporary, roundTrips, extra);
    }

    /// <summary>On a PostgreSQL database (<c>bench lifecycle --postgres</c>): the configured sources, the provider and connection string replaced.</summary>
    public static Task<BenchHost> StartPostgresAsync(string connectionString, RoundTrips? roundTrips = null) =>
        StartAsync(new ConfigurationBuilder().AddConfiguration(HostConfiguration.Build()).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["ConnectionStrings:Certification"] = connectionString,
        }).Build(), Start, null, roundTrips);

    /// <summary>On the database <paramref name="settings"/> name (tests: a TestDatabase), with the clock starting at <paramref name="start"/>.</summary>
    public static Task<BenchHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, DateTimeOffset start, Action<IServiceCollection>? extra = null) =>
        StartAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), start, null, null, extra);

    private static async Task<BenchHost> StartAsync(IConfiguration configuration, DateTimeOffset start, string? temporary, RoundTrips? roundTrips,
        Action<IServiceCollection>? extra = null)
    {
        var clock = new BenchClock(start);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddSingleton<TimeProvider>(clock);
        services.AddCertification(configuration);
        services.AddAccountStore();
        extra?.Invoke(services);
        if (roundTrips is not null)
        {
            services.ConfigureDbContext<CertificationDbContext>(o => o.AddInterceptors(roundTrips, roundTrips.Compilations));
            services.AddSingleton<Certification.Workflows.Runtime.IRawCommandObserver>(roundTrips);
        }
        var provider = services.BuildServiceProvider(validateScopes: true);
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
            await DatabaseMigration.MigrateAsync(db);
            await DatabaseMigration.MigrateAsync(scope.ServiceProvider.GetRequiredService<IdentityStore>());
            await ShippedDefinitions.EnsurePublishedAsync(db, scope.ServiceProvider.GetRequiredService<IMediator>());
        }
        return new BenchHost(provider, clock, provider.GetRequiredService<DatabaseSettings>(), temporary);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_temporary is null) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".raw", ".raw-wal", ".raw-shm" })
            if (File.Exists(_temporary + suffix)) File.Delete(_temporary + suffix);
    }
}
