using Certification.Api.Identity;
using Certification.Workflows.Audit;
using Certification.Workflows.Features.Audit;
using MediatR;

namespace Certification.Api.Endpoints;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("审计");

        group.MapGet("/", (string? user, string? command, string? from, string? to, string? target, int? page, int? pageSize,
                    IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListAuditEntries(user, command, from, to, target, page ?? 1, pageSize ?? 50), ct))
            .RequirePolicy(Policies.AuditLog)
            .WithName("ListAuditEntries")
            .WithSummary("审计日志（新的在前，分页；按用户、命令、时间范围、对象筛选）")
            .Produces<AuditPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/verify", (IMediator mediator, CancellationToken ct) => mediator.Send(new VerifyAuditChain(), ct))
            .RequirePolicy(Policies.AuditLog)
            .WithName("VerifyAuditChain")
            .WithSummary("校验审计日志的哈希链：条目是否被修改、删除或调换")
            .Produces<AuditVerification>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
