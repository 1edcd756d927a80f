// Deadline surge: enterprises submitting their applications at once over HTTP, at rising concurrency.
//   Certification.LoadTest --url http://127.0.0.1:5080 --accounts FILE --password PASS [--levels 1,4,16,64]
// FILE comes from `Certification.Api bench seed-surge` (user name TAB application id per line); its lines are shared
// out evenly between the levels. Each account signs in once (POST /api/auth/login) before the clock starts. Per level:
// throughput of acknowledged submissions and latency percentiles; at the end every acknowledged submission is read
// back (GET /api/applications/{id}) and must no longer be a draft. Last stdout line: JSON.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Certification.LoadTest --url URL --accounts FILE --password PASS [--levels 1,4,16,64]");
    return 2;
}

var accounts = File.ReadAllLines(options.Accounts).Where(l => l.Contains('\t'))
    .Select(l => l.Split('\t')).Select(p => new Account(p[0], p[1])).ToList();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = new Uri(options.Url),
    Timeout = TimeSpan.FromMinutes(2),
};

var tokens = new ConcurrentDictionary<string, string>();
await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (account, ct) =>
{
    using var response = await http.PostAsJsonAsync("/api/auth/login", new { userName = account.UserName, password = options.Password }, ct);
    response.EnsureSuccessStatusCode();
    tokens[account.UserName] = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["accessToken"]!;
});
Console.Error.WriteLine($"{tokens.Count} accounts signed in");

var perLevel = accounts.Count / options.Levels.Count;
var acknowledged = new ConcurrentBag<Account>();
var results = new List<LevelResult>();
for (var l = 0; l < options.Levels.Count; l++)
{
    var concurrency = options.Levels[l];
    var slice = accounts.Skip(l * perLevel).Take(perLevel).ToList();
    var latencies = new ConcurrentBag<double>();
    var statuses = new ConcurrentDictionary<int, int>();
    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(slice, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (account, ct) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{account.ApplicationId}/submit");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[account.UserName]);
        var started = Stopwatch.GetTimestamp();
        int status;
        try
        {
            using var response = await http.SendAsync(request, ct);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0;
        }
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status == 200) acknowledged.Add(account);
    });
    var seconds = clock.Elapsed.TotalSeconds;
    var sorted = latencies.Order().ToArray();
    var result = new LevelResult(concurrency, slice.Count, statuses.GetValueOrDefault(200), Math.Round(statuses.GetValueOrDefault(200) / seconds, 1),
        Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99),
        statuses.Where(s => s.Key != 200).ToDictionary(s => s.Key == 0 ? "failed" : s.Key.ToString(), s => s.Value));
    results.Add(result);
    Console.WriteLine($"concurrency {result.Concurrency,4}: {result.Acknowledged}/{result.Requests} acknowledged, {result.SubmissionsPerSecond,7:F1}/s, " +
                      $"p50 {result.P50Ms,7:F1} ms, p95 {result.P95Ms,7:F1} ms, p99 {result.P99Ms,7:F1} ms" +
                      (result.Refused.Count > 0 ? $", other: {string.Join(", ", result.Refused.Select(r => $"{r.Key}×{r.Value}"))}" : ""));
}

// Every acknowledged submission must be in the database: read each back as its enterprise.
var missing = 0;
await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (account, ct) =>
{
    using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/{account.ApplicationId}");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[account.UserName]);
    using var response = await http.SendAsync(request, ct);
    var status = response.StatusCode == HttpStatusCode.OK
        ? (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["status"]
        : null;
    if (status is null or "Draft") Interlocked.Increment(ref missing);
});
Console.WriteLine(JsonSerializer.Serialize(new
{
    levels = results,
    acknowledged = acknowledged.Count,
    acknowledgedInDatabase = acknowledged.Count - missing,
}, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
return missing == 0 ? 0 : 1;

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);

internal sealed record Account(string UserName, string ApplicationId);

internal sealed record LevelResult(int Concurrency, int Requests, int Acknowledged, double SubmissionsPerSecond,
    double P50Ms, double P95Ms, double P99Ms, Dictionary<string, int> Refused);

internal sealed record Options(string Url, string Accounts, string Password, IReadOnlyList<int> Levels)
{
    public static Options? Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var url = Value("--url");
        var accounts = Value("--accounts");
        var password = Value("--password");
        var levels = (Value("--levels") ?? "1,4,16,64").Split(',').Select(t => int.TryParse(t, out var n) && n > 0 ? n : 0).ToList();
        return url is null || accounts is null || password is null || levels.Contains(0) ? null : new Options(url, accounts, password, levels);
    }
}
