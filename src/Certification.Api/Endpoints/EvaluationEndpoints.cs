using Certification.Api.Identity;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Features.Evaluations;
using MediatR;

namespace Certification.Api.Endpoints;

public static class EvaluationEndpoints
{
    /// <summary>Body of POST /api/evaluations.</summary>
    public sealed record EvaluationRequest(string? Tier, DateOnly? AsOf, string? CriteriaVersion, EnterpriseProfile? Profile);

    public static void MapEvaluationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/evaluations", (EvaluationRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new EvaluateEnterprise(body.Tier, body.Profile, body.AsOf, body.CriteriaVersion), ct))
            .WithTags("评价")
            .WithName("EvaluateEnterprise").RequirePolicy(Policies.SignedIn)
            .WithSummary("按认定标准评价一家企业（自评）")
            .Produces<Evaluation>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
