using Certification.Api.Tests.Identity;
using Certification.Tests.Shared;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Domain.Applications;
using Certification.Domain.Batches;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Enterprises;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using Certification.Workflows.Runtime.Storage;
using Certification.Workflows.Runtime.Timers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>A clock the review tests move by hand (thread-safe: requests may run in parallel).</summary>
public sealed class ReviewClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now.ToUniversalTime();
    }

    public void SetTo(DateTimeOffset instant)
    {
        lock (_gate) _now = instant;
    }
}

/// <summary>The real host on its own SQLite file with a hand-moved clock; background timer sweeps effectively off.</summary>
/// <param name="settings">Extra configuration (e.g. <c>Dynamic:ReEvaluationLeadDays</c>).</param>
public sealed class ReviewApiFactory(IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Monday 2 March 2026, 09:00 Beijing time (no holiday that week).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public ReviewClock Clock { get; } = new(Start);
    public TestDatabase Database { get; } = TestDatabase.Create();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
        // Tests fire timers themselves with TimerSweeper.SweepAsync after moving the clock.
        builder.UseSetting("Workflows:TimerSweepSeconds", "86400");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Database.Dispose();
    }
}

public sealed record SeededApplication(string ApplicationId, string EnterpriseId, string BatchId, string EnterpriseName, string CreditCode, string RegionCode, decimal? Score);

/// <summary>
/// Builds the state intake would leave (enterprise, batch, submitted application with its frozen evaluation, the
/// workflow started and its submission task completed) directly in the database, then drives review over HTTP.
/// </summary>
public sealed class ReviewScenario : IDisposable
{
    private static readonly Lazy<JsonArray> CaseFile = new(() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(TestFiles.RepositoryRoot, "tests", "Certification.Domain.Tests", "Data", "criteria-cases.json")))!.AsArray());

    private static int _codes;

    public ReviewApiFactory Factory { get; }
    public HttpClient Client { get; }

    /// <param name="settings">Extra configuration of the host under test.</param>
    public ReviewScenario(IReadOnlyDictionary<string, string>? settings = null)
    {
        Factory = new ReviewApiFactory(settings);
        Owners = new ResourceOwners(Factory);
        // Each call acts as the account whose business it is (see ResourceOwners); SendAsync names other actors.
        Client = Factory.CreateClientAs(request => Owners.OfAsync(request));
        Anonymous = Factory.CreateClient();
    }

    public ResourceOwners Owners { get; }

    /// <summary>A client that is not signed in.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>While set, <see cref="SendAsync"/> only signs the actor in (RaceAsync: accounts exist before the race).</summary>
    private static readonly AsyncLocal<bool> OnlySignIn = new();

    public ReviewClock Clock => Factory.Clock;

    /// <summary>An enterprise from the worked case <paramref name="caseIndex"/> applies for its tier and submits.</summary>
    public async Task<SeededApplication> SubmitAsync(int caseIndex, decimal spotCheckShare = 0m, string? regionCode = null)
    {
        var @case = CaseFile.Value[caseIndex]!;
        var tier = @case["tier"]!.GetValue<string>();
        var asOf = DateOnly.Parse(@case["asOf"]!.GetValue<string>());
        var profile = @case["profile"].Deserialize<EnterpriseProfile>(CriteriaJson.Options)!;
        var region = regionCode ?? profile.RegionCode!;
        var now = Clock.GetUtcNow().UtcDateTime;

        var code = NewCreditCode();
        var enterprise = Enterprise.Register(Guid.NewGuid().ToString("N"), code, profile.Name ?? "测试企业", region, "联系人", "13800000000", null, now);
        enterprise.UpdateProfile(profile, now);
        var frozen = enterprise.Profile;
        var evaluation = CriteriaEvaluator.Evaluate(CriteriaCatalog.LoadBuiltIn().Default, tier, frozen, asOf);
        var batch = Batch.Create(Guid.NewGuid().ToString("N"), $"2026 年第一批{tier}", tier, region[..2], new DateOnly(2026, 3, 1),
            new DateOnly(2026, 3, 31), CriteriaCatalog.DefaultVersion, 5, spotCheckShare, null, now);
        var application = Application.Draft(Guid.NewGuid().ToString("N"), enterprise.Id, batch.Id, tier, region, CriteriaCatalog.DefaultVersion, now);
        var version = application.Submit(enterprise.ProfileJson, JsonSerializer.Serialize(evaluation, CriteriaJson.Options),
            evaluation.Eligible, evaluation.TotalScore, "enterprise", now);

        await InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            db.AddRange(enterprise, batch, application, version);
            await db.SaveChangesAsync();
        });
        var started = await InScope(sp => sp.GetRequiredService<WorkflowRuntime>().StartAsync($"{tier}-certification",
            new JsonObject { ["applicationId"] = application.Id, ["regionCode"] = region }, application.Id, "enterprise"));
        started.TaskIds.Should().ContainSingle("the flow waits for the submission");
        await InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            (await db.Applications.FindAsync(application.Id))!.AttachWorkflow(started.InstanceId!);
            await db.SaveChangesAsync();
        });
        var submitted = await InScope(sp => sp.GetRequiredService<WorkflowRuntime>()
            .ResumeAsync(started.TaskIds[0], new JsonObject { ["outcome"] = "Submitted" }, "enterprise"));
        submitted.Applied.Should().BeTrue(submitted.Message);
        return new SeededApplication(application.Id, enterprise.Id, batch.Id, enterprise.Name, code, region, evaluation.TotalScore);
    }

    public async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScope(Func<IServiceProvider, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public Task<T> Db<T>(Func<CertificationDbContext, Task<T>> query) =>
        InScope(sp => query(sp.GetRequiredService<CertificationDbContext>()));

    public Task<Application> ApplicationAsync(string id) => Db(db => db.Applications.AsNoTracking().FirstAsync(a => a.Id == id));

    /// <summary>Moves the clock and fires whatever timers are due.</summary>
    public async Task<int> AdvanceToAsync(DateTimeOffset instant)
    {
        Clock.SetTo(instant);
        Factory.ForgetTokens(); // tokens expire by the host's clock
        return await Factory.Services.GetRequiredService<TimerSweeper>().SweepAsync();
    }

    // ---- HTTP ----

    /// <param name="actor">The user name to act as, in the role the request needs (see <see cref="ResourceOwners"/>);
    /// by default the owner's own account.</param>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null, string? actor = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (await Owners.OfAsync(request, actor) is { } account)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await Factory.TokenAsync(account));
        if (OnlySignIn.Value) return (HttpStatusCode.Continue, null);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path, string? actor = null) => SendAsync(HttpMethod.Get, path, null, actor);

    public Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, object? body, string? actor = null) => SendAsync(HttpMethod.Post, path, body ?? new { }, actor);

    public async Task<JsonNode> OkAsync(Task<(HttpStatusCode Status, JsonNode? Body)> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, body) = await call;
        status.Should().Be(expected, body?.ToJsonString());
        return body!;
    }

    /// <summary>The application's one open task of an activity type, from the inbox.</summary>
    public async Task<JsonNode> OpenTaskAsync(string applicationId, string activityType)
    {
        var tasks = (await OkAsync(GetAsync("/api/tasks"))).AsArray();
        var mine = tasks.Where(t => t!["applicationId"]!.GetValue<string>() == applicationId
                                    && t["activityType"]!.GetValue<string>() == activityType).ToList();
        mine.Should().ContainSingle($"the application should wait on one {activityType} task; inbox: {tasks.ToJsonString()}");
        return mine[0]!;
    }

    public async Task<JsonNode> CompleteAsync(string applicationId, string activityType, string outcome, string? reason = null, string actor = "reviewer")
    {
        var task = await OpenTaskAsync(applicationId, activityType);
        return await OkAsync(PostAsync($"/api/tasks/{task["id"]}/complete", new { outcome, reason }, actor));
    }

    /// <summary>Adds an expert to the pool over HTTP; returns its id.</summary>
    public async Task<string> AddExpertAsync(string name, string regionCode, string? userName = null, string[]? fields = null,
        string[]? relatedCreditCodes = null)
    {
        var body = await OkAsync(PostAsync("/api/experts", new
        {
            name, regionCode, fields = fields ?? new[] { "智能制造" }, relatedCreditCodes = relatedCreditCodes ?? Array.Empty<string>(), userName,
        }), HttpStatusCode.Created);
        return body["id"]!.GetValue<string>();
    }

    public Task<List<HumanTaskRecord>> TasksOfAsync(string applicationId) =>
        Db(db => db.HumanTasks.AsNoTracking().Where(t => t.CorrelationId == applicationId).OrderBy(t => t.CreatedAt).ToListAsync());

    /// <summary>
    /// Runs requests that all read before any can write: writes are blocked by a connection of our own (SQLite: the
    /// database write lock, BEGIN IMMEDIATE; PostgreSQL: EXCLUSIVE locks on the instance and application tables, which
    /// still let readers through) while they start, so each reaches its commit having seen the same state; then the
    /// lock is released and the requests race for the commit.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)[]> RaceAsync(params Func<Task<(HttpStatusCode Status, JsonNode? Body)>>[] requests)
    {
        // Accounts are made (a write) before the database is held, so that only the requests themselves race.
        OnlySignIn.Value = true;
        try { await Task.WhenAll(requests.Select(r => r())); }
        finally { OnlySignIn.Value = false; }
        var database = Factory.Database;
        await using System.Data.Common.DbConnection blocker = database.File is { } file
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}")
            : new Npgsql.NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await Execute(blocker, database.File is null
            ? "BEGIN; LOCK TABLE \"WorkflowInstances\", \"Applications\" IN EXCLUSIVE MODE;"
            : "BEGIN IMMEDIATE;");
        var running = requests.Select(r => Task.Run(r)).ToArray();
        await Task.Delay(1500);
        await Execute(blocker, "ROLLBACK;");
        return await Task.WhenAll(running);

        static async Task Execute(System.Data.Common.DbConnection connection, string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A valid 统一社会信用代码, different on every call.</summary>
    public static string NewCreditCode()
    {
        var serial = Interlocked.Increment(ref _codes) + Environment.ProcessId % 1000 * 100;
        var first17 = $"91330106MA2C{serial % 100000:D5}";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    public void Dispose()
    {
        Client.Dispose();
        Anonymous.Dispose();
        Factory.Dispose();
    }
}
