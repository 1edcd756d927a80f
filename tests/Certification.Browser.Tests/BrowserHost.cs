using System.Net;
using System.Net.Sockets;
using Certification.Api.Identity;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Titles;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Timers;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Certification.Browser.Tests;

/// <summary>
/// The real host on a real Kestrel socket (a free loopback port) and a fresh SQLite file, with a clock the test can
/// move forward (the test hook for publicity's working days); timers fire when the test sweeps them.
/// </summary>
public sealed class BrowserHost : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("certification-browser-").FullName;

    public BrowserHost()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
    }

    public string BaseUrl { get; }

    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Certification", $"Data Source={Path.Combine(_directory, "certification.db")}");
        builder.UseSetting("Database:SqliteSynchronous", "NORMAL");
        builder.UseSetting("Workflows:TimerSweepSeconds", "86400");
        // One browser signs in as many accounts from one address within a minute.
        builder.UseSetting("RateLimits:LoginPerAddress", "1000");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Sends a request as System (the operators' way in), for what the test sets up beside the UI.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>
    /// An enterprise of Hangzhou (a fresh credit code) holding an innovative title issued on <paramref name="issuedOn"/>,
    /// put straight into the register as a past certification would have left it; its id.
    /// </summary>
    public async Task<string> AddHolderAsync(string name, string certificateNumber, DateOnly issuedOn)
    {
        var first17 = "91330106MA2C" + Random.Shared.Next(10000, 99999);
        var enterprise = await SendAsync(new RegisterEnterprise(first17 + CreditCode.CheckCharacter(first17), name, "330106", "李经理", "0571-88000002"));
        await WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<CertificationDbContext>();
            db.Titles.Add(Title.Issue(Guid.NewGuid().ToString("D"), enterprise.Id, null, "innovative", certificateNumber, "miit-2022",
                issuedOn, 3, Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        return enterprise.Id;
    }

    /// <summary>An account with a password, for signing in through the login page.</summary>
    public Task CreateAccountAsync(NewAccount account) =>
        WithServicesAsync(async s => await s.GetRequiredService<UserAccounts>().EnsureAsync(account));

    /// <summary>Moves the host's clock and fires the workflow timers that fell due (publicity ending, deadlines).</summary>
    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return await Services.GetRequiredService<TimerSweeper>().SweepAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort
        }
    }
}

/// <summary>Real time plus an offset the test moves forward (sign-in cookies and tokens keep working in between).</summary>
public sealed class MovableClock : TimeProvider
{
    private TimeSpan _offset;

    public void Advance(TimeSpan by) => _offset += by;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
