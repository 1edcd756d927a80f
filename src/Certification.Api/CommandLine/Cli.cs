using System.Text.Encodings.Web;
using System.Text.Json;
using Certification.Workflows;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Api.Hosting;
using Certification.Api.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.CommandLine;

/// <summary>
/// The host's entry assembly is also the operators' command line. No verb (or <c>serve</c>) serves HTTP;
/// every other verb runs once and exits: 0 done, 1 a negative answer (e.g. invalid definition), 2 bad input.
/// </summary>
public static class Cli
{
    private static readonly ICliVerb[] Verbs =
    [
        new EvaluateVerb(),
        new WorkflowsVerb(),
        new ExportVerb(),
        new UsersVerb(),
        new AuditVerb(),
        new BenchVerb(),
        new SeedVerb(),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        // ASP.NET Core's own switches (--urls, --environment, ...) start with "--": those mean "serve".
        if (args.Length == 0 || args[0].StartsWith('-') || args[0] == "serve")
            return await ServerHost.RunAsync(args.Length > 0 && args[0] == "serve" ? args[1..] : args);

        stdout ??= Console.Out;
        stderr ??= Console.Error;
        if (args[0] is "help" or "-h" or "--help")
        {
            PrintUsage(stdout);
            return 0;
        }
        var verb = Verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            await stderr.WriteLineAsync($"error: unknown verb '{args[0]}'.");
            PrintUsage(stderr);
            return 2;
        }
        try
        {
            var context = new CliContext(stdout, stderr);
            await using (context)
                return await verb.RunAsync(CliArguments.Parse(args[1..]), context);
        }
        catch (CliException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (RequestValidationException e)
        {
            foreach (var error in e.Errors) await stderr.WriteLineAsync($"error: {error.Field}: {error.Message}");
            return 2;
        }
        catch (NotFoundException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (ConflictException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: Certification.Api [serve] [--urls URL]   serve the HTTP API and web UI (default)");
        foreach (var verb in Verbs) writer.WriteLine($"       Certification.Api {verb.Usage}");
    }
}

public interface ICliVerb
{
    string Name { get; }
    string Usage { get; }
    Task<int> RunAsync(CliArguments args, CliContext context);
}

/// <summary>What a verb needs: output streams, JSON settings, and the product's services on demand.</summary>
public sealed class CliContext(TextWriter stdout, TextWriter stderr) : IAsyncDisposable
{
    private ServiceProvider? _services;
    private readonly List<AsyncServiceScope> _scopes = [];

    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>Output JSON: indented, Chinese left readable instead of \u-escaped.</summary>
    public static JsonSerializerOptions OutputJson(JsonSerializerOptions baseOptions) => new(baseOptions)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The same services the server uses. <paramref name="databasePath"/> (the verbs' <c>--db</c>) overrides
    /// the configured database with a SQLite file; with <paramref name="migrate"/> the schema is brought up to date.
    /// </summary>
    public async Task<IServiceProvider> ServicesAsync(string? databasePath = null, bool migrate = false)
    {
        if (_services is null)
        {
            var configuration = HostConfiguration.Build(databasePath);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(configuration);
            services.AddCertification(configuration);
            services.AddAccountStore();
            _services = services.BuildServiceProvider(validateScopes: true);
        }
        if (migrate)
        {
            await using var scope = _services.CreateAsyncScope();
            await DatabaseMigration.MigrateAsync(scope.ServiceProvider.GetRequiredService<CertificationDbContext>());
            await DatabaseMigration.MigrateAsync(scope.ServiceProvider.GetRequiredService<IdentityStore>());
            // Verbs on a database know the criteria versions published in its register, as the server does.
            await scope.ServiceProvider.GetRequiredService<Workflows.Features.CriteriaVersions.CriteriaRegistry>()
                .RefreshAsync(scope.ServiceProvider.GetRequiredService<CertificationDbContext>());
        }
        return _services;
    }

    /// <summary>A scope that lives as long as the verb runs (one unit of work per verb).</summary>
    public IServiceProvider Scope(IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        _scopes.Add(scope);
        return scope.ServiceProvider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes) await scope.DisposeAsync();
        if (_services is not null) await _services.DisposeAsync();
    }
}
