using Certification.Api.Identity;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Documents;
using Certification.Workflows.Mediation;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Endpoints;

public static class ApplicationEndpoints
{
    /// <summary>Body of POST /api/applications.</summary>
    public sealed record CreateApplicationRequest(string? EnterpriseId, string? BatchId);

    /// <summary>Room for the multipart framing around a file of the maximum size; larger bodies are cut off with 413.</summary>
    private const long MaxUploadRequestBytes = UploadDocument.MaxBytes + 1024 * 1024;

    public static void MapApplicationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/applications").WithTags("申请");

        group.MapPost("/", async (CreateApplicationRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var application = await mediator.Send(new CreateApplication(body.EnterpriseId, body.BatchId), ct);
                return Results.Created($"/api/applications/{application.Id}", application);
            })
            .WithName("CreateApplication").RequirePolicy(Policies.Enterprise)
            .WithSummary("在申报批次中创建草稿申请（层级取自批次）")
            .Produces<ApplicationDetail>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", (string? enterpriseId, string? batchId, string? status, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListApplications(enterpriseId, batchId, status), ct))
            .WithName("ListApplications").RequirePolicy(Policies.ReadLifecycle)
            .WithSummary("申请列表（按企业、批次、状态筛选）")
            .Produces<IReadOnlyList<ApplicationSummary>>();

        group.MapGet("/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetApplication(id), ct))
            .WithName("GetApplication").RequirePolicy(Policies.ReadLifecycle)
            .WithSummary("申请详情：状态、批次、自评结果、材料清单、文件与提交历史")
            .Produces<ApplicationDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/versions/{version:int}", (string id, int version, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetApplicationVersion(id, version), ct))
            .WithName("GetApplicationVersion").RequirePolicy(Policies.ReadLifecycle)
            .WithSummary("某一次提交的冻结材料：企业画像、评价结果与文件清单")
            .Produces<ApplicationVersionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/submit", (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SubmitApplication(id, http.CurrentCaller().UserName), ct))
            .WithName("SubmitApplication").RequirePolicy(Policies.Enterprise)
            .WithSummary("提交（或退回补正后重新提交）申请：冻结企业画像并测算，启动认定流程")
            .Produces<SubmissionResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id}/withdraw", (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new WithdrawApplication(id, http.CurrentCaller().UserName), ct))
            .WithName("WithdrawApplication").RequirePolicy(Policies.Enterprise)
            .WithSummary("撤回申请（流程等待企业提交时）")
            .Produces<ApplicationSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id}/documents", UploadAsync)
            .WithName("UploadDocument").RequirePolicy(Policies.Enterprise)
            .WithSummary("上传申报材料（multipart/form-data：item 材料项，file 文件；≤20 MB；按内容识别 PDF、图片、Office 文件）")
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadRequestBytes))
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<DocumentView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        group.MapGet("/{id}/documents/{docId}/content", async (string id, string docId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var file = await mediator.Send(new GetDocumentContent(id, docId), ct);
                // Always a download, never rendered by the browser under our origin, and never re-typed by it.
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                return Results.File(file.Bytes, file.ContentType, file.FileName);
            })
            .WithName("GetDocumentContent").RequirePolicy(Policies.ReadLifecycle)
            .WithSummary("下载申报材料（附件形式）")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id}/documents/{docId}", async (string id, string docId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteDocument(id, docId), ct);
                return Results.NoContent();
            })
            .WithName("DeleteDocument").RequirePolicy(Policies.Enterprise)
            .WithSummary("删除申报材料（仅草稿或退回补正时）")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> UploadAsync(string id, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new RequestValidationException("file", "请以 multipart/form-data 上传：字段 item（材料项）和 file（文件）");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            // A broken multipart body (wrong boundary, cut short) is the client's mistake, not a server error.
            throw new RequestValidationException("file", $"上传内容无法读取：{e.Message}");
        }
        var file = form.Files.GetFile("file");
        byte[]? content = null;
        if (file is not null)
        {
            if (file.Length > UploadDocument.MaxBytes)
                throw new RequestValidationException("file", UploadDocument.TooLarge(file.Length));
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var document = await mediator.Send(new UploadDocument(id, form["item"].ToString(), file?.FileName, content, request.HttpContext.CurrentCaller().UserName), ct);
        return Results.Created($"/api/applications/{id}/documents/{document.Id}", document);
    }
}
