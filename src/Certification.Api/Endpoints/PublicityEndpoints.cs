using Certification.Api.Http;
using Certification.Api.Identity;
using Certification.Workflows.Features.Publicity;
using MediatR;

namespace Certification.Api.Endpoints;

public static class PublicityEndpoints
{
    /// <summary>Body of POST /api/public/objections.</summary>
    public sealed record ObjectionRequest(string? ApplicationId, string? ContactName, string? ContactPhone, string? Content);

    /// <summary>Body of POST /api/objections/{id}/resolve.</summary>
    public sealed record ResolveRequest(bool? Upheld, string? Resolution);

    public static void MapPublicityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/publicity", (string? batchId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListPublicity(batchId), ct))
            .WithTags("公示")
            .WithName("ListPublicity").AllowPublic()
            .WithSummary("公示名单（公开）")
            .Produces<IReadOnlyList<PublicityEntry>>();

        app.MapPost("/api/public/objections", async (ObjectionRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var receipt = await mediator.Send(new LodgeObjection(body.ApplicationId, body.ContactName, body.ContactPhone, body.Content), ct);
                return Results.Created($"/api/objections/{receipt.Id}", receipt);
            })
            .WithTags("公示")
            .WithName("LodgeObjection").AllowPublic()
            .RequireRateLimiting(RateLimits.Objections)
            .WithSummary("对公示企业提出异议（公开，仅限公示期内）")
            .Produces<ObjectionReceipt>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/objections", async (string? applicationId, string? status, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListObjections(applicationId, status), ct)).Items)
            .WithTags("公示")
            .WithName("ListObjections").RequirePolicy(Policies.Oversight)
            .WithSummary("异议列表（经办人员）")
            .Produces<IReadOnlyList<ObjectionView>>();

        app.MapPost("/api/objections/{id}/resolve", (string id, ResolveRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ResolveObjection(id, body.Upheld, body.Resolution, http.CurrentCaller().UserName), ct))
            .WithTags("公示")
            .WithName("ResolveObjection").RequirePolicy(Policies.Reviewer)
            .WithSummary("处理异议：不成立则公示继续；成立则退回审查")
            .Produces<ObjectionResolution>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
