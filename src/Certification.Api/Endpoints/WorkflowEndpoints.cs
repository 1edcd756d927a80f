using Certification.Api.Identity;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Simulation;
using Certification.Workflows.Features.Workflows;
using MediatR;

namespace Certification.Api.Endpoints;

/// <summary>Administrators' workflow tools over HTTP: the same features as the <c>workflows</c> CLI verb.</summary>
public static class WorkflowEndpoints
{
    /// <summary>Body of a test run: the definition (a draft too), optional workflow input and events.</summary>
    public sealed record SimulationRequest(JsonObject? Definition, JsonObject? Input, JsonArray? Events);

    public static void MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("工作流管理");

        group.MapGet("/definitions", (IMediator m, CancellationToken ct) => m.Send(new ListDefinitions(), ct))
            .WithName("ListWorkflowDefinitions").RequirePolicy(Policies.Admin).WithSummary("全部工作流定义及其版本");

        group.MapPost("/definitions", async (JsonObject definition, IMediator m, CancellationToken ct) =>
            {
                var draft = await m.Send(new ImportDefinition(definition.ToJsonString()), ct);
                return Results.Created($"/api/workflows/definitions/{draft.DefinitionId}?version={draft.Version}", draft);
            })
            .WithName("ImportWorkflowDefinition").RequirePolicy(Policies.Admin).WithSummary("导入 Elsa 3 定义，生成新的草稿版本")
            .Produces<DefinitionSummary>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/definitions/{definitionId}", async (string definitionId, int? version, IMediator m, CancellationToken ct) =>
                Results.Text(await m.Send(new ExportDefinition(definitionId, version), ct), "application/json"))
            .WithName("ExportWorkflowDefinition").RequirePolicy(Policies.Admin).WithSummary("导出某一版本（默认最新版本）的 Elsa 3 JSON")
            .Produces<JsonObject>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/definitions/{definitionId}/versions/{version:int}/publish",
                (string definitionId, int version, IMediator m, CancellationToken ct) => m.Send(new PublishDefinition(definitionId, version), ct))
            .WithName("PublishWorkflowDefinition").RequirePolicy(Policies.Admin).WithSummary("校验并发布某一版本，原发布版本自动撤回")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/definitions/{definitionId}/retract", (string definitionId, IMediator m, CancellationToken ct) =>
                m.Send(new RetractDefinition(definitionId), ct))
            .WithName("RetractWorkflowDefinition").RequirePolicy(Policies.Admin).WithSummary("撤回已发布版本（运行中的实例不受影响）")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/validate", (JsonObject definition, IMediator m, CancellationToken ct) =>
                m.Send(new ValidateDefinition(definition.ToJsonString()), ct))
            .WithName("ValidateWorkflowDefinition").RequirePolicy(Policies.Admin).WithSummary("按发布规则校验定义，错误指向具体活动");

        group.MapPost("/simulate", (SimulationRequest body, IMediator m, CancellationToken ct) =>
            {
                if (body.Definition is null)
                    throw new Certification.Workflows.Mediation.RequestValidationException("definition", "缺少要试运行的定义（definition）");
                return m.Send(new SimulateDefinition(body.Definition.ToJsonString(), body.Input, body.Events), ct);
            })
            .WithName("SimulateWorkflowDefinition").RequirePolicy(Policies.Admin).WithSummary("在内存中试运行定义（虚拟时钟，不写数据库）")
            .Produces<SimulationReport>().ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/activities", (ActivityRegistry registry) => registry.DescribeJson())
            .WithName("DescribeWorkflowActivities").RequirePolicy(Policies.Admin).WithSummary("可用活动：输入、结果端口（供校验与设计器使用）");
    }
}
