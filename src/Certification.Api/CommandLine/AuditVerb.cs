using System.Globalization;
using System.Text.Json;
using Certification.Workflows.Features.Audit;
using MediatR;

namespace Certification.Api.CommandLine;

/// <summary>
/// <c>audit verify [--db PATH]</c>: checks the hash chain (exit 0 intact, 1 broken, 2 bad input);
/// <c>audit list [--user U] [--command C] [--from D] [--to D] [--target T] [--page N] [--page-size N] [--db PATH]</c>.
/// </summary>
public sealed class AuditVerb : ICliVerb
{
    public string Name => "audit";
    public string Usage =>
        "audit verify [--db PATH]\n" +
        "       Certification.Api audit list [--user U] [--command C] [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--target ID] [--page N] [--page-size N] [--db PATH]";

    public Task<int> RunAsync(CliArguments args, CliContext context) =>
        args.Positionals.FirstOrDefault() switch
        {
            "verify" => VerifyAsync(args, context),
            "list" => ListAsync(args, context),
            null => throw new CliException("audit needs a sub-command: verify or list"),
            var other => throw new CliException($"unknown sub-command 'audit {other}': use verify or list"),
        };

    private static async Task<int> VerifyAsync(CliArguments args, CliContext context)
    {
        var db = Database(args);
        args.RejectUnknown();
        var result = await (await MediatorAsync(context, db)).Send(new VerifyAuditChain());
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(result, CliContext.OutputJson(JsonSerializerOptions.Web)));
        if (!result.Valid) await context.Error.WriteLineAsync($"audit chain broken at sequence {result.FirstBrokenSequence}: {result.Reason}");
        return result.Valid ? 0 : 1;
    }

    private static async Task<int> ListAsync(CliArguments args, CliContext context)
    {
        var request = new ListAuditEntries(
            args.Option("user"), args.Option("command"), args.Option("from"), args.Option("to"), args.Option("target"),
            Number(args, "page") ?? 1, Number(args, "page-size") ?? 50);
        var db = Database(args);
        args.RejectUnknown();
        var page = await (await MediatorAsync(context, db)).Send(request);
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(page, CliContext.OutputJson(JsonSerializerOptions.Web)));
        return 0;
    }

    /// <summary>An audit read never creates a database: a --db file that does not exist is an operator error.</summary>
    private static string? Database(CliArguments args)
    {
        var db = args.Option("db");
        if (db is not null && !File.Exists(db)) throw new CliException($"--db '{db}': no such database file");
        return db;
    }

    private static int? Number(CliArguments args, string name) =>
        args.Option(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new CliException($"--{name} '{text}' is not a whole number");

    private static async Task<IMediator> MediatorAsync(CliContext context, string? db)
    {
        var services = await context.ServicesAsync(db, migrate: true);
        return context.Scope(services).GetRequiredService<IMediator>();
    }
}
