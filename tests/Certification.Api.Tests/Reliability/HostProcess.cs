using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Certification.Tests.Shared;

namespace Certification.Api.Tests.Reliability;

/// <summary>
/// The product's real host as a separate process (<c>dotnet Certification.Api.dll serve</c>) on a loopback port and
/// the test's database, so that it can be killed like a crashed server: <see cref="Kill"/> sends SIGKILL.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    public Uri Address { get; }
    public HttpClient Client { get; }

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<HostProcess> StartAsync(TestDatabase database, IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Certification.Api.dll"), "serve", "--urls", address.ToString().TrimEnd('/') })
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["RateLimits__LoginPerAddress"] = "100000";
        start.Environment["RateLimits__LoginPerUser"] = "100000";
        foreach (var (key, value) in database.Settings) start.Environment[key.Replace(":", "__")] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__")] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("the host did not start");
        var host = new HostProcess(process, address);
        process.OutputDataReceived += (_, e) => { lock (host._output) host._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (host._output) host._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited) throw new InvalidOperationException($"the host exited with {process.ExitCode}:\n{host.Output}");
            try
            {
                if ((await host.Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return host;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        host.Kill();
        throw new TimeoutException($"the host did not answer /health within 120 s:\n{host.Output}");
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>SIGKILL: no shutdown, no flushing, nothing the process could still finish.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<string> TokenAsync(string userName, string password)
    {
        var response = await Client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return (string)JsonNode.Parse(body)!["accessToken"]!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
