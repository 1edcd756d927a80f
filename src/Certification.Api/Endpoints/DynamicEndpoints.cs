using System.Text.Json.Nodes;
using Certification.Api.Identity;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Dynamic;
using Certification.Workflows.Features.AnnualUpdates;
using Certification.Workflows.Features.ChangeReports;
using Certification.Workflows.Features.CriteriaVersions;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Features.Revocations;
using MediatR;

namespace Certification.Api.Endpoints;

/// <summary>Dynamic management (有进有出): re-evaluation, major-change reports, revocation, criteria versions, annual updates.</summary>
public static class DynamicEndpoints
{
    /// <summary>Body of POST /api/re-evaluations/{id}/confirm.</summary>
    public sealed record ConfirmRequest(string? Outcome, string? Reason);

    /// <summary>Body of POST /api/enterprises/{id}/change-reports.</summary>
    public sealed record ChangeReportRequest(string? Kind, DateOnly? ChangedOn, string? Description);

    /// <summary>Body of POST /api/change-reports/{id}/decide.</summary>
    public sealed record DecideRequest(string? Decision, string? Reason);

    /// <summary>Body of POST /api/titles/{id}/revoke.</summary>
    public sealed record RevokeRequest(string? Reason, string? Detail);

    /// <summary>Body of POST /api/enterprises/{id}/annual-updates.</summary>
    public sealed record AnnualUpdateRequest(int? Year, EnterpriseProfile? Profile);

    public static void MapDynamicEndpoints(this IEndpointRouteBuilder app)
    {
        MapReEvaluations(app);
        MapChangeReports(app);
        MapRevocations(app);
        MapCriteriaVersions(app);
        MapAnnualUpdates(app);
    }

    private static void MapReEvaluations(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/re-evaluations").WithTags("复核");

        group.MapGet("/", async (string? status, string? enterpriseId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListReEvaluations(status, enterpriseId), ct)).Items)
            .WithName("ListReEvaluations").RequirePolicy(Policies.ReadEnterprises)
            .WithSummary("复核列表（status：AwaitingData、AwaitingConfirmation、Renewed、Downgraded、Lapsed、Cancelled，Open 为未结束的，Closed 为已结束的）")
            .Produces<IReadOnlyList<ReEvaluationView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetReEvaluation(id), ct))
            .WithName("GetReEvaluation").RequirePolicy(Policies.ReadEnterprises)
            .WithSummary("一次复核：状态、所用评价标准版本、建议结果与测算明细")
            .Produces<ReEvaluationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/submit", (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SubmitReEvaluationData(id, http.CurrentCaller().UserName), ct))
            .WithName("SubmitReEvaluationData").RequirePolicy(Policies.Enterprise)
            .WithSummary("企业提交复核数据（以当前企业画像为准，请先更新年度数据）；按现行标准测算后交审核人员确认")
            .Produces<ReEvaluationView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id}/confirm", (string id, ConfirmRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ConfirmReEvaluation(id, body.Outcome, body.Reason, http.CurrentCaller().UserName), ct))
            .WithName("ConfirmReEvaluation").RequirePolicy(Policies.Officer)
            .WithSummary("确认复核结果：Renewed 续期 3 年、Downgraded 换发较低层级称号、Lapsed 不予续期（届满失效）")
            .Produces<ReEvaluationView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapChangeReports(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/enterprises/{id}/change-reports", async (string id, ChangeReportRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var report = await mediator.Send(new ReportChange(id, body.Kind, body.ChangedOn, body.Description, http.CurrentCaller().UserName), ct);
                return Results.Created($"/api/change-reports/{report.Id}", report);
            })
            .WithTags("重大变化")
            .WithName("ReportChange").RequirePolicy(Policies.Enterprise)
            .WithSummary("报告重大变化（更名、合并、重组、跨省迁移、设立境外分支）；超过期限的报告标注为逾期")
            .Produces<ChangeReportView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/enterprises/{id}/change-reports", async (string id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListChangeReports(EnterpriseId: id), ct)).Items)
            .WithTags("重大变化")
            .WithName("ListEnterpriseChangeReports").RequirePolicy(Policies.ReadEnterprises)
            .WithSummary("企业的重大变化报告")
            .Produces<IReadOnlyList<ChangeReportView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/change-reports", async (string? status, bool? late, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListChangeReports(null, status, late), ct)).Items)
            .WithTags("重大变化")
            .WithName("ListChangeReports").RequirePolicy(Policies.Oversight)
            .WithSummary("重大变化报告（经办人员；status：Open、Kept、Revoked；late=true 只看逾期报告）")
            .Produces<IReadOnlyList<ChangeReportView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/change-reports/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetChangeReport(id), ct))
            .WithTags("重大变化")
            .WithName("GetChangeReport").RequirePolicy(Policies.ReadEnterprises)
            .WithSummary("一份重大变化报告（含是否逾期）")
            .Produces<ChangeReportView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/change-reports/{id}/decide", (string id, DecideRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DecideChangeReport(id, body.Decision, body.Reason, http.CurrentCaller().UserName), ct))
            .WithTags("重大变化")
            .WithName("DecideChangeReport").RequirePolicy(Policies.Officer)
            .WithSummary("复核重大变化：Kept 保留称号，Revoked 撤销企业的有效称号")
            .Produces<ChangeReportView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapRevocations(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/revocation-reasons", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListRevocationReasons(), ct))
            .WithTags("撤销")
            .WithName("ListRevocationReasons").RequirePolicy(Policies.SignedIn)
            .WithSummary("撤销称号的理由（依据管理办法）")
            .Produces<IReadOnlyList<RevocationReason>>();

        app.MapPost("/api/titles/{id}/revoke", (string id, RevokeRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RevokeTitle(id, body.Reason, body.Detail, http.CurrentCaller().UserName), ct))
            .WithTags("撤销")
            .WithName("RevokeTitle").RequirePolicy(Policies.Officer)
            .WithSummary("撤销称号（理由见 /api/revocation-reasons）；企业在禁止期内不得重新申报")
            .Produces<Revocation>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapCriteriaVersions(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/criteria-versions").WithTags("评价标准版本");

        group.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListCriteriaVersions(), ct))
            .WithName("ListCriteriaVersions").RequirePolicy(Policies.Oversight)
            .WithSummary("评价标准版本（草稿与已发布；inForce 表示其适用地区现行的版本）")
            .Produces<IReadOnlyList<CriteriaVersionView>>();

        group.MapPost("/", async (JsonObject document, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var draft = await mediator.Send(new CreateCriteriaDraft(document, http.CurrentCaller().UserName), ct);
                return Results.Created($"/api/criteria-versions/{draft.Version}", draft);
            })
            .WithName("CreateCriteriaDraft").RequirePolicy(Policies.Admin)
            .WithSummary("新建评价标准草稿（全国修订版，或 extends 某版本、region 为省份代码的特色化版本）")
            .Produces<CriteriaVersionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetCriteriaVersion(id), ct))
            .WithName("GetCriteriaVersion").RequirePolicy(Policies.Oversight)
            .WithSummary("一个评价标准版本及其文件")
            .Produces<CriteriaVersionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/preview", (string id, int? sample, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new PreviewCriteriaVersion(id, sample), ct))
            .WithName("PreviewCriteriaVersion").RequirePolicy(Policies.CriteriaPreview)
            .WithSummary("发布前预览：现有称号持有企业中按该版本将不再符合条件的数量（按层级）及样本")
            .Produces<CriteriaPreview>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/publish", (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new PublishCriteriaVersion(id, http.CurrentCaller().UserName), ct))
            .WithName("PublishCriteriaVersion").RequirePolicy(Policies.Admin)
            .WithSummary("发布草稿：此后新批次与复核使用该版本；已完成的测算保留原版本")
            .Produces<CriteriaVersionView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapAnnualUpdates(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/enterprises/{id}/annual-updates", async (string id, AnnualUpdateRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var update = await mediator.Send(new SubmitAnnualUpdate(id, body.Year, body.Profile, http.CurrentCaller().UserName), ct);
                return Results.Created($"/api/enterprises/{id}/annual-updates", update);
            })
            .WithTags("年度数据")
            .WithName("SubmitAnnualUpdate").RequirePolicy(Policies.Enterprise)
            .WithSummary("称号持有企业提交年度数据；按现行标准不再符合所持称号条件的列入关注名单")
            .Produces<AnnualUpdateView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/enterprises/{id}/annual-updates", (string id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListAnnualUpdates(id), ct))
            .WithTags("年度数据")
            .WithName("ListAnnualUpdates").RequirePolicy(Policies.ReadEnterprises)
            .WithSummary("企业的年度数据更新记录")
            .Produces<IReadOnlyList<AnnualUpdateView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/watch-list", async (string? region, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetWatchList(region), ct)).Items)
            .WithTags("年度数据")
            .WithName("GetWatchList").RequirePolicy(Policies.Oversight)
            .WithSummary("关注名单：最新年度数据已不符合所持称号条件的企业（届满先后排序）")
            .Produces<IReadOnlyList<WatchEntry>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
