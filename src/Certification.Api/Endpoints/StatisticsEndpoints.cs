using Certification.Api.Identity;
using Certification.Workflows.Features.Exports;
using Certification.Workflows.Features.Statistics;
using Certification.Workflows.Mediation;
using MediatR;

namespace Certification.Api.Endpoints;

/// <summary>Statistics as JSON, or the same numbers as CSV with <c>?format=csv</c>; regulators see their region, administrators the nation.</summary>
public static class StatisticsEndpoints
{
    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/statistics/titles", (HttpContext http, IMediator mediator, TimeProvider clock, string? region, string? tier, int? fromYear,
                int? toYear, string? format, CancellationToken ct) =>
                Answer(http, clock, format, "statistics-titles", () => mediator.Send(new CountTitles(region, tier, fromYear, toYear), ct), r => r.Lines(), ct))
            .Describe("CountTitles", "认定数量统计（称号 × 地区 × 年份）", typeof(TitleCounts));

        app.MapGet("/api/statistics/funnel", (HttpContext http, IMediator mediator, TimeProvider clock, string? region, string? tier, string? batch,
                int? year, string? format, CancellationToken ct) =>
                Answer(http, clock, format, "statistics-funnel", () => mediator.Send(new GetBatchFunnels(region, tier, batch, year), ct), r => r.Lines(), ct))
            .Describe("GetBatchFunnels", "批次漏斗与各阶段通过率（申报 → 初审 → 审核 → 专家评审 → 公示 → 认定）", typeof(FunnelReport));

        app.MapGet("/api/statistics/scores", (HttpContext http, IMediator mediator, TimeProvider clock, string? region, string? tier, int? year,
                string? format, CancellationToken ct) =>
                Answer(http, clock, format, "statistics-scores", () => mediator.Send(new GetScoreDistribution(region, tier, year), ct), r => r.Lines(), ct))
            .Describe("GetScoreDistribution", "专家评分分布（按称号，10 分一档）", typeof(ScoreDistribution));

        app.MapGet("/api/statistics/expiring", (HttpContext http, IMediator mediator, TimeProvider clock, int? months, string? region, string? tier,
                string? format, CancellationToken ct) =>
                Answer(http, clock, format, "statistics-expiring", () => mediator.Send(new CountExpiringTitles(months ?? 6, region, tier), ct), r => r.Lines(), ct))
            .Describe("CountExpiringTitles", "未来 N 个月内到期的称号（按称号 × 地区 × 月份）", typeof(ExpiringTitles));
    }

    private static async Task<IResult> Answer<T>(HttpContext http, TimeProvider clock, string? format, string stem, Func<Task<T>> query,
        Func<T, IEnumerable<IReadOnlyList<string>>> lines, CancellationToken ct)
    {
        var csv = format?.Trim().ToLowerInvariant() switch
        {
            null or "" or "json" => false,
            "csv" => true,
            _ => throw new RequestValidationException("format", "格式须为 json 或 csv"),
        };
        var result = await query();
        if (!csv) return Results.Ok(result);
        return await ExportEndpoints.SendFileAsync(http, ExportFormat.Csv, ExportEndpoints.FileName(stem, clock),
            (f, stream) => SpreadsheetFile.WriteAsync(f, lines(result), "统计", stream, ct));
    }

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string name, string summary, Type result) =>
        builder.WithTags("名单与统计").WithName(name).RequirePolicy(Policies.Statistics).WithSummary(summary)
            .Produces(StatusCodes.Status200OK, result)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
