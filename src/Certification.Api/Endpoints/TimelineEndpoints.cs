using Certification.Api.Identity;
using Certification.Workflows.Features.Applications;
using MediatR;

namespace Certification.Api.Endpoints;

public static class TimelineEndpoints
{
    public static void MapTimelineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/applications/{id}/timeline", (string id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetTimeline(id), ct))
            .WithTags("申请")
            .WithName("GetApplicationTimeline").RequirePolicy(Policies.ReadLifecycle)
            .WithSummary("申请办理进程：已办环节、结果与理由，以及正在等待谁办理")
            .Produces<ApplicationTimeline>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
