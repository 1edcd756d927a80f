using Certification.Api.Identity;
using Certification.Workflows;
using Certification.Workflows.Features.CriteriaVersions;
using Certification.Workflows.Features.Demo;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Definitions;
using MediatR;
using Microsoft.Extensions.Configuration;

namespace Certification.Api.Hosting;

/// <summary>
/// Runs <see cref="DemoSeeder"/> on the configured database with services of its own whose clock is a
/// <see cref="DemoClock"/> (the seeder walks it from about three years ago up to now). SQLite commits without fsync
/// while seeding (synchronous NORMAL): demo data is cheap to make again, and it is several times faster.
/// </summary>
public static class DemoData
{
    /// <returns>null when the database already has enterprises (demo data goes only into an empty database).</returns>
    public static async Task<DemoSeedResult?> SeedAsync(IConfiguration configuration, DemoSeedOptions options, CancellationToken ct = default)
    {
        var settings = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = "NORMAL" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(settings);
        services.AddSingleton<TimeProvider>(new DemoClock(TimeProvider.System.GetUtcNow()));
        services.AddCertification(settings);
        services.AddAccountStore();
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
            await DatabaseMigration.MigrateAsync(db, ct);
            await DatabaseMigration.MigrateAsync(scope.ServiceProvider.GetRequiredService<IdentityStore>(), ct);
            await ShippedDefinitions.EnsurePublishedAsync(db, scope.ServiceProvider.GetRequiredService<IMediator>(), ct);
            var criteria = scope.ServiceProvider.GetRequiredService<CriteriaRegistry>();
            await criteria.EnsureShippedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
            await criteria.RefreshAsync(db, ct);
        }
        if (!await DemoSeeder.IsEmptyAsync(provider, ct)) return null;
        var seeder = DemoSeeder.Create(provider);
        var result = await seeder.RunAsync(options, ct);
        if (Environment.GetEnvironmentVariable("CERTIFICATION_DEMO_TIMINGS") == "1")
            foreach (var (name, time) in seeder.Timings.OrderByDescending(t => t.Value)) Console.Error.WriteLine($"{name,-28} {time.TotalSeconds,8:F2} s");
        return result;
    }
}
