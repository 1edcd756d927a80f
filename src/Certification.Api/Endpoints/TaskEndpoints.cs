using Certification.Api.Identity;
using Certification.Workflows.Features.Reviews;
using Certification.Workflows.Features.Tasks;
using MediatR;

namespace Certification.Api.Endpoints;

public static class TaskEndpoints
{
    /// <summary>Body of POST /api/tasks/{id}/complete.</summary>
    public sealed record CompleteTaskRequest(string? Outcome, string? Reason);

    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("任务");

        tasks.MapGet("/", (string? role, string? region, string? status, string? formKey, bool? mine, string? assignee, int? limit,
                    HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListTasks(role, region, status, formKey, mine ?? false, assignee, http.CurrentCaller().UserName, limit), ct))
            .WithName("ListTasks").RequirePolicy(Policies.Inbox)
            .WithSummary("待办任务列表（按期限排序；region 为地区代码前缀；mine=true 为当前登录用户本人的任务；只列出本账号范围内的任务）")
            .Produces<IReadOnlyList<TaskView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        tasks.MapGet("/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetTask(id), ct))
            .WithName("GetTask").RequirePolicy(Policies.Inbox)
            .WithSummary("任务详情（待办任务附可选结果）")
            .Produces<TaskView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/batches/{batchId}/recommendations", (string batchId, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RecommendWithinQuota(batchId, http.CurrentCaller().UserName), ct))
            .WithTags("审核")
            .WithName("RecommendWithinQuota").RequirePolicy(Policies.Reviewer)
            .WithSummary("按专家评审得分排序，在批次推荐名额内一次性决定全部待推荐申请（小巨人）")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        tasks.MapPost("/{id}/complete", (string id, CompleteTaskRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new CompleteReviewTask(id, body.Outcome, body.Reason, http.CurrentCaller().UserName), ct))
            .WithName("CompleteReviewTask").RequirePolicy(Policies.Reviewer)
            .WithSummary("完成审核任务（初审、审核、抽查、推荐）；退回、不通过、不予推荐须写理由")
            .Produces<ReviewCompletion>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
