using Certification.Api.Identity;
using Certification.Domain.Time;
using Certification.Workflows.Features.Exports;
using Certification.Workflows.Mediation;
using MediatR;

namespace Certification.Api.Endpoints;

public static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/exports/approved", (HttpContext http, IMediator mediator, TimeProvider clock, string? tier, string? region, string? batch,
                int? year, string? status, string? format, CancellationToken ct) =>
            {
                var filter = new ApprovedListFilter(tier, region, batch, year, status);
                return SendFileAsync(http, ParseFormat(format), FileName($"approved-{(string.IsNullOrEmpty(tier) ? "all" : tier)}", clock),
                    (f, stream) => mediator.Send(new ExportApprovedList(filter, f, stream), ct));
            })
            .WithTags("名单与统计")
            .WithName("ExportApprovedList").RequirePolicy(Policies.Oversight)
            .WithSummary("导出认定名单（CSV 或 XLSX，按称号、地区、批次、年份、状态筛选）")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/public/batches/{batchId}/announcement", async (HttpContext http, IMediator mediator, TimeProvider clock, string batchId,
                string? format, CancellationToken ct) =>
            {
                var wanted = format is null or "" || format.Equals("json", StringComparison.OrdinalIgnoreCase) ? (ExportFormat?)null : ParseFormat(format);
                var announcement = await mediator.Send(new GetAnnouncement(batchId), ct);
                if (wanted is not { } fileFormat) return Results.Ok(announcement);
                return await SendFileAsync(http, fileFormat, FileName("announcement", clock),
                    (f, stream) => SpreadsheetFile.WriteAsync(f, announcement.Lines(), "公告名单", stream, ct));
            })
            .WithTags("公示")
            .WithName("GetAnnouncement").AllowPublic()
            .WithSummary("批次认定公告名单（公开；认定后可查；JSON，或 ?format=csv|xlsx）")
            .Produces<Announcement>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static ExportFormat ParseFormat(string? format) =>
        SpreadsheetFile.ParseFormat(format) ?? throw new RequestValidationException("format", "导出格式须为 csv 或 xlsx");

    /// <summary>
    /// Streams a CSV straight into the response; builds an XLSX (a zip, which needs a seekable stream) in a temporary
    /// file first and streams that. Validation happens in <paramref name="write"/> before its first byte, so a problem
    /// response is still possible.
    /// </summary>
    public static async Task<IResult> SendFileAsync(HttpContext http, ExportFormat format, string baseName, Func<ExportFormat, Stream, Task<int>> write)
    {
        if (format == ExportFormat.Xlsx)
        {
            var file = Path.GetTempFileName();
            var stream = new FileStream(file, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            try
            {
                await write(format, stream);
                stream.Position = 0;
            }
            catch
            {
                await stream.DisposeAsync();
                throw;
            }
            return Results.File(stream, SpreadsheetFile.ContentType(format), baseName + ".xlsx");
        }
        http.Response.ContentType = SpreadsheetFile.ContentType(format);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{baseName}.csv\"";
        await write(format, http.Response.Body);
        return Results.Empty;
    }

    public static string FileName(string stem, TimeProvider clock) => $"{stem}-{ChinaTime.Today(clock):yyyyMMdd}";
}
