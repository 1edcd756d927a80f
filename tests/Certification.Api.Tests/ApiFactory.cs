using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Certification.Api.Tests;

/// <summary>The real host on a fresh SQLite file of its own, deleted afterwards.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cert-api-" + Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(Folder, "test.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Certification", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
