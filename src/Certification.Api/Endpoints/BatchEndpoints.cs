using Certification.Api.Identity;
using Certification.Workflows.Features.Batches;
using MediatR;

namespace Certification.Api.Endpoints;

public static class BatchEndpoints
{
    /// <summary>Body of POST /api/batches.</summary>
    public sealed record CreateBatchRequest(
        string? Name, string? Tier, string? RegionPrefix, DateOnly? OpensOn, DateOnly? ClosesOn, string? CriteriaVersion,
        int? PublicityWorkingDays, decimal? SpotCheckShare, int? RecommendationQuota);

    /// <summary>Body of PUT /api/batches/{batchId}/window.</summary>
    public sealed record BatchWindowRequest(DateOnly? OpensOn, DateOnly? ClosesOn);

    public static void MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/batches").WithTags("申报批次");

        group.MapPost("/", async (CreateBatchRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var batch = await mediator.Send(new CreateBatch(body.Name, body.Tier, body.RegionPrefix, body.OpensOn, body.ClosesOn,
                    body.CriteriaVersion, body.PublicityWorkingDays, body.SpotCheckShare, body.RecommendationQuota), ct);
                return Results.Created($"/api/batches/{batch.Id}", batch);
            })
            .WithName("CreateBatch").RequirePolicy(Policies.Admin)
            .WithSummary("设立申报批次（层级、地区、申报起止日期、评价标准版本）")
            .Produces<BatchView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapPut("/{batchId}/window", (string batchId, BatchWindowRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ChangeBatchWindow(batchId, body.OpensOn, body.ClosesOn), ct))
            .WithName("ChangeBatchWindow").RequirePolicy(Policies.Admin)
            .WithSummary("调整申报期（提前截止、延长或重新开放）；已提交的申请不受影响")
            .Produces<BatchView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", (string? tier, bool? open, string? regionCode, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListBatches(tier, open, regionCode), ct))
            .WithName("ListBatches").RequirePolicy(Policies.SignedIn)
            .WithSummary("申报批次列表（open=true：今天（北京时间）在申报期内的批次；regionCode：覆盖该地区的批次）")
            .Produces<IReadOnlyList<BatchView>>();

        group.MapGet("/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetBatch(id), ct))
            .WithName("GetBatch").RequirePolicy(Policies.SignedIn)
            .WithSummary("申报批次详情")
            .Produces<BatchView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
