using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Workflows.Features.Workflows;
using MediatR;

namespace Certification.Api.CommandLine;

/// <summary><c>workflows validate|simulate|import|export …</c>: the administrators' definition tools.</summary>
public sealed class WorkflowsVerb : ICliVerb
{
    public string Name => "workflows";
    public string Usage =>
        "workflows validate --definition FILE\n" +
        "       Certification.Api workflows simulate --definition FILE [--input FILE] [--events FILE]\n" +
        "       Certification.Api workflows import FILE [--publish] [--db PATH]\n" +
        "       Certification.Api workflows export DEFINITION_ID [--version N] --out FILE [--db PATH]";

    public Task<int> RunAsync(CliArguments args, CliContext context) =>
        args.Positionals.FirstOrDefault() switch
        {
            "import" => ImportAsync(args, context),
            "export" => ExportAsync(args, context),
            "validate" => ValidateAsync(args, context),
            "simulate" => SimulateAsync(args, context),
            null => throw new CliException("workflows needs a sub-command: validate, simulate, import or export"),
            var other => throw new CliException($"unknown sub-command 'workflows {other}': use validate, simulate, import or export"),
        };

    private static async Task<int> ImportAsync(CliArguments args, CliContext context)
    {
        var file = args.Positionals.ElementAtOrDefault(1) ?? throw new CliException("workflows import needs a FILE");
        var publish = args.Flag("publish");
        var db = args.Option("db");
        args.RejectUnknown();
        var json = CliFiles.ReadJson(file);

        var mediator = await MediatorAsync(context, db);
        var summary = await mediator.Send(new ImportDefinition(json));
        if (publish) summary = await mediator.Send(new PublishDefinition(summary.DefinitionId, summary.Version));
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(summary, CliContext.OutputJson(JsonSerializerOptions.Web)));
        return 0;
    }

    private static async Task<int> ExportAsync(CliArguments args, CliContext context)
    {
        var definitionId = args.Positionals.ElementAtOrDefault(1) ?? throw new CliException("workflows export needs a DEFINITION_ID");
        var versionText = args.Option("version");
        var output = args.Required("out");
        var db = args.Option("db");
        args.RejectUnknown();
        int? version = versionText is null ? null
            : int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
            : throw new CliException($"--version '{versionText}' is not a positive whole number");

        var mediator = await MediatorAsync(context, db);
        var json = await mediator.Send(new ExportDefinition(definitionId, version));
        var pretty = JsonNode.Parse(json)!.ToJsonString(CliContext.OutputJson(JsonSerializerOptions.Default));
        try { await File.WriteAllTextAsync(output, pretty + "\n"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{output}: cannot write ({e.Message})");
        }
        return 0;
    }

    /// <summary>Exit 0 valid, 1 invalid, 2 when the file is not JSON at all.</summary>
    private static async Task<int> ValidateAsync(CliArguments args, CliContext context)
    {
        var file = args.Required("definition");
        args.RejectUnknown();
        var json = CliFiles.ReadJson(file);

        var validity = await (await MediatorAsync(context, db: null, migrate: false)).Send(new ValidateDefinition(json));
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(validity, CliContext.OutputJson(JsonSerializerOptions.Web)));
        return validity.Valid ? 0 : 1;
    }

    private static async Task<int> SimulateAsync(CliArguments args, CliContext context)
    {
        var file = args.Required("definition");
        var inputFile = args.Option("input");
        var eventsFile = args.Option("events");
        args.RejectUnknown();
        var json = CliFiles.ReadJson(file);
        var input = inputFile is null ? null
            : JsonNode.Parse(CliFiles.ReadJson(inputFile)) as JsonObject ?? throw new CliException($"{inputFile}: expected a JSON object of workflow input");
        var events = eventsFile is null ? null
            : JsonNode.Parse(CliFiles.ReadJson(eventsFile)) as JsonArray ?? throw new CliException($"{eventsFile}: expected a JSON array of events");

        var report = await (await MediatorAsync(context, db: null, migrate: false)).Send(new SimulateDefinition(json, input, events));
        await context.Out.WriteLineAsync(report.ToJson(indented: true));
        return 0;
    }

    private static async Task<IMediator> MediatorAsync(CliContext context, string? db, bool migrate = true)
    {
        var services = await context.ServicesAsync(db, migrate);
        return context.Scope(services).GetRequiredService<IMediator>();
    }
}

public static class CliFiles
{
    /// <summary>The file's text, refused with exit code 2 (naming line and position) unless it is well-formed JSON.</summary>
    public static string ReadJson(string file)
    {
        var text = ReadText(file);
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new CliException($"{file}: not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message.Split(" Path:")[0]}");
        }
        return text;
    }

    public static string ReadText(string file)
    {
        try { return File.ReadAllText(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file}: cannot read ({e.Message})");
        }
    }
}
