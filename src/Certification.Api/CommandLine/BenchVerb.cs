using System.Globalization;
using System.Text.Json;
using Certification.Api.Benchmarks;

namespace Certification.Api.CommandLine;

/// <summary>
/// <c>bench lifecycle|floor|history|seed-approved …</c>: measurements of the product itself (see docs/performance.md).
/// Every benchmark prints what it did on stderr and its numbers as one JSON line, the last line on stdout.
/// </summary>
public sealed class BenchVerb : ICliVerb
{
    private static readonly JsonSerializerOptions Line = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Name => "bench";
    public string Usage =>
        "bench lifecycle --applications N [--experts 3] [--concurrency C] [--profile] [--db PATH | --postgres CONNSTRING [--hosts H]]\n" +
        "       Certification.Api bench floor [--commands N] [--concurrency C] [--db PATH]\n" +
        "       Certification.Api bench seed-surge --applications N --password PASS --out FILE [--db PATH]\n" +
        "       Certification.Api bench seed-approved --rows N [--tier T] [--db PATH]\n" +
        "       Certification.Api bench history [--journal-rows N] [--entries-per-instance N] [--db PATH]";

    public Task<int> RunAsync(CliArguments args, CliContext context) =>
        args.Positionals.FirstOrDefault() switch
        {
            "lifecycle" => LifecycleAsync(args, context),
            "floor" => FloorAsync(args, context),
            "seed-surge" => SeedSurgeAsync(args, context),
            "seed-approved" => SeedApprovedAsync(args, context),
            "history" => HistoryAsync(args, context),
            null => throw new CliException("bench needs a benchmark: lifecycle, floor, history, seed-surge, seed-approved"),
            var other => throw new CliException($"unknown benchmark 'bench {other}'"),
        };

    private static async Task<int> LifecycleAsync(CliArguments args, CliContext context)
    {
        if (args.Option("postgres") is { } postgres) return await PostgresLifecycleAsync(args, context, postgres);
        if (args.Option("hosts") is not null) throw new CliException("--hosts needs --postgres CONNSTRING: several hosts share a PostgreSQL database, not a SQLite file");
        var applications = Count(args, "applications", null, 1, 10_000_000);
        var experts = Count(args, "experts", 3, 1, 15);
        var concurrency = Count(args, "concurrency", 4, 1, 256);
        var db = args.Option("db");
        var roundTrips = args.Flag("profile") ? new RoundTrips() : null;
        args.RejectUnknown();

        await using var host = await BenchHost.StartAsync(db, roundTrips: roundTrips);
        await context.Error.WriteLineAsync($"bench lifecycle: {applications} applications, panels of {experts}, {concurrency} concurrent callers, {host.DatabaseDescription}");
        if (experts != 3) await PanelSize.PublishAsync(host, experts);
        var report = await new LifecycleBenchmark(host, experts, concurrency, context.Error, roundTrips).RunAsync(applications);
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, Line));
        return report.Lost == 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>bench lifecycle --postgres CONNSTRING [--hosts H]</c>: on PostgreSQL, shared by H processes (this one and H−1
    /// <c>--worker</c> copies it starts). Without a database in the connection string, a fresh one is made and dropped.
    /// </summary>
    private static async Task<int> PostgresLifecycleAsync(CliArguments args, CliContext context, string postgres)
    {
        var experts = Count(args, "experts", 3, 1, 15);
        var concurrency = Count(args, "concurrency", 4, 1, 256);
        if (args.Option("db") is not null) throw new CliException("--db names a SQLite file and --postgres a PostgreSQL database: give one of them");
        Npgsql.NpgsqlConnectionStringBuilder connection;
        try { connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres); }
        catch (ArgumentException e) { throw new CliException($"--postgres is not a PostgreSQL connection string: {e.Message}"); }

        if (args.Flag("worker"))
        {
            var batchId = args.Required("batch");
            var slice = args.Required("slice").Split('/');
            if (slice.Length != 2 || !int.TryParse(slice[0], out var k) || !int.TryParse(slice[1], out var of) || k < 1 || k >= of)
                throw new CliException("--slice must be K/H with 1 <= K < H");
            args.RejectUnknown();
            await using var worker = await BenchHost.StartPostgresAsync(postgres);
            return await new MultiHostLifecycle(worker, experts, concurrency, context.Error).RunWorkerAsync(batchId, k, of, Console.In, context.Out);
        }

        var applications = Count(args, "applications", null, 1, 10_000_000);
        var hosts = Count(args, "hosts", 1, 1, 16);
        var roundTrips = args.Flag("profile") ? new RoundTrips() : null;
        args.RejectUnknown();
        var temporary = string.IsNullOrEmpty(connection.Database);
        if (temporary) connection.Database = $"cert_bench_{Guid.NewGuid():N}";
        try
        {
            await using var host = await BenchHost.StartPostgresAsync(connection.ConnectionString, roundTrips);
            await context.Error.WriteLineAsync($"bench lifecycle: {applications} applications, panels of {experts}, {hosts} host process(es) with " +
                                               $"{concurrency} concurrent callers each, PostgreSQL {connection.Host}:{connection.Port}/{connection.Database}");
            if (experts != 3) await PanelSize.PublishAsync(host, experts);
            var report = await new MultiHostLifecycle(host, experts, concurrency, context.Error, roundTrips)
                .RunAsync(applications, hosts, connection.ConnectionString);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, Line));
            return report.Lost == 0 ? 0 : 1;
        }
        finally
        {
            if (temporary) await DropDatabaseAsync(connection);
        }
    }

    private static async Task DropDatabaseAsync(Npgsql.NpgsqlConnectionStringBuilder database)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new Npgsql.NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Drafts and enterprise accounts for the HTTP load generator (bench/Certification.LoadTest), on the configured database or --db.</summary>
    private static async Task<int> SeedSurgeAsync(CliArguments args, CliContext context)
    {
        var applications = Count(args, "applications", null, 1, 1_000_000);
        var password = args.Required("password");
        var output = args.Required("out");
        var db = args.Option("db");
        args.RejectUnknown();

        await using var host = await BenchHost.StartAsync(db, useConfigured: db is null, start: DateTimeOffset.UtcNow);
        await using var writer = new StreamWriter(output);
        var seeded = await SurgeSeeder.SeedAsync(host, applications, password, writer, context.Error);
        await context.Error.WriteLineAsync($"seeded {seeded} drafts with enterprise accounts into {host.DatabaseDescription}; accounts in {output}");
        return 0;
    }

    /// <summary>Enterprises holding valid titles, for timing the approved-list export (<c>export approved</c>).</summary>
    private static async Task<int> SeedApprovedAsync(CliArguments args, CliContext context)
    {
        var rows = Count(args, "rows", null, 1, 10_000_000);
        var tier = args.Option("tier") ?? "innovative";
        var db = args.Option("db");
        args.RejectUnknown();

        await using var host = await BenchHost.StartAsync(db, useConfigured: db is null);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await ApprovedSeeder.SeedAsync(host, rows, tier);
        await context.Error.WriteLineAsync($"seeded {rows} {tier} titles into {host.DatabaseDescription} in {clock.Elapsed.TotalSeconds:F1} s");
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { rows, tier, seconds = Math.Round(clock.Elapsed.TotalSeconds, 2) }, Line));
        return 0;
    }

    /// <summary>The stack's own cost per command (nothing, one read, one touched row committed) beside the raw commit floor.</summary>
    private static async Task<int> FloorAsync(CliArguments args, CliContext context)
    {
        var commands = Count(args, "commands", 5000, 1, 10_000_000);
        var concurrency = Count(args, "concurrency", 2, 1, 256);
        var db = args.Option("db");
        args.RejectUnknown();

        await using var host = await BenchHost.StartAsync(db, extra: StackFloorBenchmark.Register);
        await context.Error.WriteLineAsync($"bench floor: {host.DatabaseDescription}");
        var report = await new StackFloorBenchmark(host, concurrency, context.Error).RunAsync(commands);
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, Line));
        return 0;
    }

    /// <summary>Resume time of instances with long journals in a database with many journal rows (constant, not growing).</summary>
    private static async Task<int> HistoryAsync(CliArguments args, CliContext context)
    {
        var journalRows = Count(args, "journal-rows", 1_000_000, 0, 100_000_000);
        var perInstance = Count(args, "entries-per-instance", 5000, 0, 1_000_000);
        var db = args.Option("db");
        args.RejectUnknown();

        await using var host = await BenchHost.StartAsync(db);
        await context.Error.WriteLineAsync($"bench history: {journalRows} journal rows, {perInstance} entries on each long instance, {host.DatabaseDescription}");
        var report = await new HistoryBenchmark(host, context.Error).RunAsync(journalRows, perInstance);
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, Line));
        return 0;
    }

    private static int Count(CliArguments args, string name, int? fallback, int min, int max)
    {
        var text = fallback is null ? args.Required(name) : args.Option(name);
        if (text is null) return fallback!.Value;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new CliException($"--{name} '{text}' must be a whole number from {min} to {max}");
    }
}
