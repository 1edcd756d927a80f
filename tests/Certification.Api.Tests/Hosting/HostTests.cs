using System.Net;
using System.Text.Json;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Hosting;

public sealed class HostTests : IDisposable
{
    private readonly ApiFactory _factory = new();

    [Fact]
    public async Task Health_answers_ok()
    {
        var response = await _factory.CreateClient().GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_evaluation_endpoint()
    {
        var json = await _factory.CreateClient().GetStringAsync("/openapi/v1.json");
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("paths").TryGetProperty("/api/evaluations", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Starting_the_host_creates_the_database_and_applies_every_migration()
    {
        _ = _factory.CreateClient();
        if (_factory.DatabasePath is { } file) File.Exists(file).Should().BeTrue();
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().NotBeEmpty();
    }

    public void Dispose() => _factory.Dispose();
}
