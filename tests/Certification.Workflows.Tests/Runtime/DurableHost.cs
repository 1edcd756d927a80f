using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Simulation;
using Certification.Workflows.Features.Workflows;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using Certification.Workflows.Runtime.Timers;
using Certification.Workflows.Tests.Engine;
using MediatR;
using Certification.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Workflows.Tests.Runtime;

/// <summary>
/// One "host process" of the product for tests: its own service provider over a SQLite file, a fake clock and the
/// in-memory certification host. Two of them on one file behave as two processes sharing a database.
/// </summary>
public sealed class DurableHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>The database this host uses; pass it to a second host to share it.</summary>
    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }

    private DurableHost(TestDatabase database, FakeTimeProvider clock, Action<IServiceCollection>? configure)
    {
        Database = database;
        Clock = clock;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddCertification(configuration);
        services.AddScoped<ICertificationHost>(_ => new SimulationHost());
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public static async Task<DurableHost> CreateAsync(TestDatabase? database = null, FakeTimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        var host = new DurableHost(
            database ?? TestDatabase.Create(),
            clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8))),
            configure);
        await host.InScope(sp => DatabaseMigration.MigrateAsync(sp.GetRequiredService<CertificationDbContext>()));
        return host;
    }

    public async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScope(Func<IServiceProvider, Task> work)
    {
        await using var scope = _services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public Task<T> Send<T>(IRequest<T> request) => InScope(sp => sp.GetRequiredService<IMediator>().Send(request));

    /// <summary>Imports and publishes a definition; returns its version.</summary>
    public async Task<int> PublishAsync(JsonObject document)
    {
        var draft = await Send(new ImportDefinition(document.ToJsonString()));
        return (await Send(new PublishDefinition(draft.DefinitionId, draft.Version))).Version;
    }

    public Task<StepAnswer> StartAsync(string definitionId, JsonObject? input = null, string? correlationId = null) =>
        InScope(sp => sp.GetRequiredService<WorkflowRuntime>().StartAsync(definitionId, input, correlationId, "tester"));

    public Task<StepAnswer> ResumeAsync(string bookmarkId, JsonObject? payload = null, string actor = "tester") =>
        InScope(sp => sp.GetRequiredService<WorkflowRuntime>().ResumeAsync(bookmarkId, payload, actor));

    public Task<int> SweepTimersAsync() => _services.GetRequiredService<TimerSweeper>().SweepAsync();

    public Task<T> Query<T>(Func<CertificationDbContext, Task<T>> query) =>
        InScope(sp => query(sp.GetRequiredService<CertificationDbContext>()));

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    /// <summary>Deletes the database (call on the last host using it).</summary>
    public async ValueTask DeleteAsync()
    {
        await DisposeAsync();
        Database.Dispose();
    }
}
