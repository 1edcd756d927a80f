using Certification.Api.Identity;
using Certification.Workflows.Features.CriteriaVersions;
using Certification.Workflows.Features.Demo;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Definitions;
using MediatR;
using Microsoft.Extensions.Hosting;

namespace Certification.Api.Hosting;

/// <summary>
/// Before the server accepts requests: brings the schema up to date (migrations, never EnsureCreated) and publishes
/// the shipped workflow definitions on a database's first start; in Development, seeds demo data into an empty database
/// and resets the demo accounts.
/// </summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes, IHostEnvironment environment, IConfiguration configuration,
    ILogger<DatabaseInitializer> log)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        await DatabaseMigration.MigrateAsync(db, cancellationToken);
        await DatabaseMigration.MigrateAsync(scope.ServiceProvider.GetRequiredService<IdentityStore>(), cancellationToken);
        // Several hosts may start together on one PostgreSQL database: the first-start rows below are written by one of them.
        await using var exclusive = await StartupLock.AcquireAsync(db, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().EnsureRolesAsync();
        log.LogInformation("Database schema is up to date");
        var published = await ShippedDefinitions.EnsurePublishedAsync(db, scope.ServiceProvider.GetRequiredService<IMediator>(), cancellationToken);
        if (published > 0) log.LogInformation("Published {Count} shipped workflow definitions", published);
        // The shipped criteria version is the register's first; published versions are loaded before requests arrive.
        var criteria = scope.ServiceProvider.GetRequiredService<CriteriaRegistry>();
        await criteria.EnsureShippedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
        await criteria.RefreshAsync(db, cancellationToken);
        if (environment.IsDevelopment())
        {
            // Demo data on the first start of an empty database, so that a demo user sees something (Demo:Enterprises, 0 = none).
            var enterprises = configuration.GetValue("Demo:Enterprises", DefaultDemoEnterprises);
            if (enterprises > 0 && await DemoData.SeedAsync(configuration, new DemoSeedOptions(enterprises, configuration.GetValue("Demo:Seed", 1)),
                    cancellationToken) is { } seeded)
                log.LogInformation("Demo data: {Enterprises} enterprises, titles {Certified}, applications {Applications} in {Seconds} s",
                    seeded.Enterprises, string.Join(", ", seeded.Certified.Select(c => $"{c.Key} {c.Value}")),
                    string.Join(", ", seeded.Applications.Select(c => $"{c.Key} {c.Value}")), seeded.Seconds);
            await using var demo = scopes.CreateAsyncScope();
            await DemoAccounts.EnsureAsync(demo.ServiceProvider, cancellationToken);
        }
    }

    public const int DefaultDemoEnterprises = 120;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
