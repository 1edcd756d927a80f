using Microsoft.Extensions.Configuration;

namespace Certification.Api.Hosting;

/// <summary>Configuration for CLI verbs, from the same sources the server reads (appsettings, environment).</summary>
public static class HostConfiguration
{
    public static IConfiguration Build(string? sqliteDatabasePath = null)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables();
        if (sqliteDatabasePath is not null)
        {
            builder.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Certification"] = $"Data Source={sqliteDatabasePath}",
            });
        }
        return builder.Build();
    }
}
