using Certification.Api.Identity;
using Certification.Domain.Time;
using Certification.Workflows.Features.Exports;
using MediatR;

namespace Certification.Api.Endpoints;

public static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/exports/approved", async (HttpContext http, IMediator mediator, TimeProvider clock, string? tier, string? region, string? batch,
                int? year, string? status, string? format, CancellationToken ct) =>
            {
                var filter = new ApprovedListFilter(tier, region, batch, year, status);
                if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
                {
                    // XLSX is a zip that needs a seekable stream: build it in a temporary file, then stream that.
                    var file = Path.GetTempFileName();
                    var stream = new FileStream(file, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
                    try
                    {
                        await mediator.Send(new ExportApprovedList(filter, ExportFormat.Xlsx, stream), ct);
                        stream.Position = 0;
                    }
                    catch
                    {
                        await stream.DisposeAsync();
                        throw;
                    }
                    return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName(tier, "xlsx", clock));
                }
                if (format is not (null or "" or "csv"))
                    throw new Certification.Workflows.Mediation.RequestValidationException("format", "导出格式须为 csv 或 xlsx");

                // Validate before the first byte is sent: afterwards a problem response is no longer possible.
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(tier, "csv", clock)}\"";
                await mediator.Send(new ExportApprovedList(filter, ExportFormat.Csv, http.Response.Body), ct);
                return Results.Empty;
            })
            .WithTags("名单与统计")
            .WithName("ExportApprovedList").RequirePolicy(Policies.Oversight)
            .WithSummary("导出认定名单（CSV 或 XLSX，按称号、地区、批次、年份、状态筛选）")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static string FileName(string? tier, string extension, TimeProvider clock) =>
        $"approved-{(string.IsNullOrEmpty(tier) ? "all" : tier)}-{ChinaTime.Today(clock):yyyyMMdd}.{extension}";
}
