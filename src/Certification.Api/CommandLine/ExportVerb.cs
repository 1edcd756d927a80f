using System.Globalization;
using System.Text.Json;
using Certification.Workflows.Features.Exports;
using MediatR;

namespace Certification.Api.CommandLine;

/// <summary>
/// <c>export approved --tier T [--region PREFIX] [--batch ID] [--year YYYY] [--status S] --format csv|xlsx --out FILE [--db PATH]</c>;
/// <c>export announcement --batch ID --format json|csv|xlsx --out FILE [--db PATH]</c>.
/// </summary>
public sealed class ExportVerb : ICliVerb
{
    public string Name => "export";
    public string Usage =>
        "export approved --tier T [--region PREFIX] [--batch ID] [--year YYYY] [--status valid|expired|revoked|superseded] --format csv|xlsx --out FILE [--db PATH]\n" +
        "       Certification.Api export announcement --batch ID --format json|csv|xlsx --out FILE [--db PATH]";

    public Task<int> RunAsync(CliArguments args, CliContext context) =>
        args.Positionals.FirstOrDefault() switch
        {
            "approved" => ApprovedAsync(args, context),
            "announcement" => AnnouncementAsync(args, context),
            _ => throw new CliException("export needs what to export: 'export approved …' or 'export announcement …'"),
        };

    private static async Task<int> ApprovedAsync(CliArguments args, CliContext context)
    {
        var filter = new ApprovedListFilter(
            args.Required("tier"), args.Option("region"), args.Option("batch"), ParseYear(args.Option("year")), args.Option("status"));
        var format = Format(args.Required("format"));
        var output = args.Required("out");
        var db = args.Option("db");
        args.RejectUnknown();

        var mediator = await MediatorAsync(context, db);
        var rows = await WriteFileAsync(output, stream => mediator.Send(new ExportApprovedList(filter, format, stream)));
        await context.Error.WriteLineAsync($"exported {rows} rows to {output}");
        return 0;
    }

    private static async Task<int> AnnouncementAsync(CliArguments args, CliContext context)
    {
        var batch = args.Required("batch");
        var formatText = args.Required("format");
        var format = formatText.Equals("json", StringComparison.OrdinalIgnoreCase) ? (ExportFormat?)null : Format(formatText);
        var output = args.Required("out");
        var db = args.Option("db");
        args.RejectUnknown();

        var mediator = await MediatorAsync(context, db);
        var announcement = await mediator.Send(new GetAnnouncement(batch));
        await WriteFileAsync(output, async stream =>
        {
            if (format is { } f) return await SpreadsheetFile.WriteAsync(f, announcement.Lines(), "公告名单", stream, CancellationToken.None);
            await JsonSerializer.SerializeAsync(stream, announcement, CliContext.OutputJson(JsonSerializerOptions.Web));
            return 1;
        });
        await context.Error.WriteLineAsync($"announcement of {announcement.Total} enterprises written to {output}");
        return 0;
    }

    private static async Task<IMediator> MediatorAsync(CliContext context, string? db)
    {
        var services = await context.ServicesAsync(db, migrate: true);
        return context.Scope(services).GetRequiredService<IMediator>();
    }

    /// <summary>Written beside the target and moved into place at the end, so a failed export never leaves half a file.</summary>
    private static async Task<int> WriteFileAsync(string output, Func<Stream, Task<int>> write)
    {
        var temporary = output + ".partial";
        try
        {
            int rows;
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
                rows = await write(stream);
            File.Move(temporary, output, overwrite: true);
            return rows;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{output}: cannot write ({e.Message})");
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static ExportFormat Format(string text) =>
        text.ToLowerInvariant() is "csv" or "xlsx" ? SpreadsheetFile.ParseFormat(text)!.Value
        : throw new CliException($"--format '{text}' is not csv or xlsx");

    private static int? ParseYear(string? text) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year
        : throw new CliException($"--year '{text}' is not a year");
}
