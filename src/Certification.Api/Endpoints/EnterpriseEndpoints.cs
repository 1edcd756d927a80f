using Certification.Api.Identity;
using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Features.Enterprises;
using MediatR;

namespace Certification.Api.Endpoints;

public static class EnterpriseEndpoints
{
    /// <summary>Body of POST /api/enterprises.</summary>
    public sealed record RegisterEnterpriseRequest(
        string? CreditCode, string? Name, string? RegionCode, string? ContactName, string? ContactPhone, string? ContactEmail);

    public static void MapEnterpriseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/enterprises").WithTags("企业");

        group.MapPost("/", async (RegisterEnterpriseRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var enterprise = await mediator.Send(new RegisterEnterprise(body.CreditCode, body.Name, body.RegionCode,
                    body.ContactName, body.ContactPhone, body.ContactEmail), ct);
                return Results.Created($"/api/enterprises/{enterprise.Id}", enterprise);
            })
            .WithName("RegisterEnterprise").RequirePolicy(Policies.Admin)
            .WithSummary("登记企业（统一社会信用代码含校验码检查；同一代码只能登记一次）")
            .Produces<EnterpriseView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", (string? creditCode, string? regionPrefix, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new FindEnterprises(creditCode, regionPrefix), ct))
            .WithName("FindEnterprises").RequirePolicy(Policies.ReadEnterprises)
            .WithSummary("按统一社会信用代码或地区查找企业")
            .Produces<IReadOnlyList<EnterpriseView>>();

        group.MapGet("/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetEnterprise(id), ct))
            .WithName("GetEnterprise").RequirePolicy(Policies.ReadEnterprises)
            .WithSummary("企业基本信息")
            .Produces<EnterpriseView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/profile", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetEnterpriseProfile(id), ct))
            .WithName("GetEnterpriseProfile").RequirePolicy(Policies.ReadEnterprises)
            .WithSummary("企业画像（财务数据与认定标准所需信息）")
            .Produces<EnterpriseProfile>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{id}/profile", (string id, EnterpriseProfile? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateEnterpriseProfile(id, body), ct))
            .WithName("UpdateEnterpriseProfile").RequirePolicy(Policies.Enterprise)
            .WithSummary("更新企业画像；已提交的申报材料不受影响")
            .Produces<EnterpriseProfile>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id}/titles", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListEnterpriseTitles(id), ct))
            .WithName("ListEnterpriseTitles").RequirePolicy(Policies.ReadEnterprises)
            .WithSummary("企业在称号库中的称号（含有效期与状态）")
            .Produces<IReadOnlyList<TitleView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
