using System.Globalization;
using Certification.Workflows.Features.Exports;
using MediatR;

namespace Certification.Api.CommandLine;

/// <summary><c>export approved --tier T [--region PREFIX] [--batch ID] [--year YYYY] [--status S] --format csv|xlsx --out FILE [--db PATH]</c>.</summary>
public sealed class ExportVerb : ICliVerb
{
    public string Name => "export";
    public string Usage => "export approved --tier T [--region PREFIX] [--batch ID] [--year YYYY] [--status valid|expired|revoked|superseded] --format csv|xlsx --out FILE [--db PATH]";

    public async Task<int> RunAsync(CliArguments args, CliContext context)
    {
        if (args.Positionals.FirstOrDefault() != "approved")
            throw new CliException("export needs what to export: 'export approved …'");
        var filter = new ApprovedListFilter(
            args.Required("tier"), args.Option("region"), args.Option("batch"), ParseYear(args.Option("year")), args.Option("status"));
        var format = args.Required("format").ToLowerInvariant() switch
        {
            "csv" => ExportFormat.Csv,
            "xlsx" => ExportFormat.Xlsx,
            var other => throw new CliException($"--format '{other}' is not csv or xlsx"),
        };
        var output = args.Required("out");
        var db = args.Option("db");
        args.RejectUnknown();

        var services = await context.ServicesAsync(db, migrate: true);
        var mediator = context.Scope(services).GetRequiredService<IMediator>();
        var temporary = output + ".partial";
        int rows;
        try
        {
            // Written beside the target and moved into place at the end, so a failed export never leaves half a file.
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
                rows = await mediator.Send(new ExportApprovedList(filter, format, stream));
            File.Move(temporary, output, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{output}: cannot write ({e.Message})");
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        await context.Error.WriteLineAsync($"exported {rows} rows to {output}");
        return 0;
    }

    private static int? ParseYear(string? text) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year
        : throw new CliException($"--year '{text}' is not a year");
}
