using Certification.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Certification.Api.Tests;

/// <summary>The real host on a fresh database of its own (SQLite file, or PostgreSQL in the suite's second run).</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = TestDatabase.Create();

    /// <summary>The SQLite file; null when the suite runs on PostgreSQL.</summary>
    public string? DatabasePath => Database.File;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Database.Dispose();
    }
}
