using Certification.Api.Identity;
using Certification.Workflows.Features.Experts;
using MediatR;

namespace Certification.Api.Endpoints;

public static class ExpertEndpoints
{
    /// <summary>Body of POST /api/experts.</summary>
    public sealed record ExpertRequest(
        string? Name, string? RegionCode, IReadOnlyList<string>? Fields, string? EmployerCreditCode,
        IReadOnlyList<string>? RelatedCreditCodes, string? UserName);

    /// <summary>Body of POST /api/expert-assignments/{id}/scores.</summary>
    public sealed record ScoresRequest(IReadOnlyList<IndicatorScoreInput>? Indicators);

    /// <summary>Body of POST /api/expert-assignments/{id}/decline.</summary>
    public sealed record DeclineRequest(string? Reason);

    public static void MapExpertEndpoints(this IEndpointRouteBuilder app)
    {
        var experts = app.MapGroup("/api/experts").WithTags("专家");
        experts.MapPost("/", async (ExpertRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var expert = await mediator.Send(new RegisterExpert(body.Name, body.RegionCode, body.Fields, body.EmployerCreditCode,
                    body.RelatedCreditCodes, body.UserName), ct);
                return Results.Created($"/api/experts/{expert.Id}", expert);
            })
            .WithName("RegisterExpert").RequirePolicy(Policies.Admin)
            .WithSummary("专家入库")
            .Produces<ExpertView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        experts.MapGet("/", (string? region, IMediator mediator, CancellationToken ct) => mediator.Send(new ListExperts(region), ct))
            .WithName("ListExperts").RequirePolicy(Policies.ExpertPool)
            .WithSummary("专家库")
            .Produces<IReadOnlyList<ExpertView>>();
        experts.MapGet("/{expertId}/assignments", (string expertId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListExpertAssignments(expertId), ct))
            .WithName("ListExpertAssignments").RequirePolicy(Policies.ExpertSeats)
            .WithSummary("某位专家本人的评审席位（不含其他专家）")
            .Produces<IReadOnlyList<ExpertSeatView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var seats = app.MapGroup("/api/expert-assignments").WithTags("专家");
        seats.MapGet("/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetScoreSheet(id), ct))
            .WithName("GetScoreSheet").RequirePolicy(Policies.ExpertSeats)
            .WithSummary("评分表；提交本人评分后才能看到其他专家（匿名）的评分")
            .Produces<ScoreSheetView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        seats.MapPost("/{id}/scores", (string id, ScoresRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SubmitScores(id, body.Indicators), ct))
            .WithName("SubmitScores").RequirePolicy(Policies.Expert)
            .WithSummary("提交评分；全组提交后自动汇总并推进流程")
            .Produces<ScoreSubmission>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        seats.MapPost("/{id}/decline", (string id, DeclineRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DeclineAssignment(id, body.Reason), ct))
            .WithName("DeclineAssignment").RequirePolicy(Policies.Expert)
            .WithSummary("回避/拒绝评审，自动抽取替补专家")
            .Produces<DeclineResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost("/api/expert-panels/{taskId}/fill", (string taskId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new FillPanel(taskId), ct))
            .WithTags("专家")
            .WithName("FillPanel").RequirePolicy(Policies.Admin)
            .WithSummary("专家库补充后，为人数不足的专家组补抽专家")
            .Produces<PanelFill>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
