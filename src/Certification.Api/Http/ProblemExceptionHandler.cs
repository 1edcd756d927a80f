using System.Text.Json;
using Certification.Domain;
using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Http;

/// <summary>
/// Turns the exceptions of the request pipeline into RFC 7807 problem+json: bad input is 400 naming the field,
/// a missing thing 404, a lost race 409. Anything else stays a 500 without internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = Describe(exception);
        if (status is null) return false;

        http.Response.StatusCode = status.Value;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is { Count: > 0 })
        {
            problem.Extensions["field"] = errors[0].Field;
            problem.Extensions["errors"] = errors;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, ProblemDetails = problem, Exception = exception,
        });
    }

    private static (int? Status, string Title, string Detail, IReadOnlyList<FieldError>? Errors) Describe(Exception exception) =>
        exception switch
        {
            RequestValidationException e => (400, "请求内容有误", e.Message, e.Errors),
            DomainStateException e => (409, "当前状态不允许此操作", e.Message, null),
            DomainRuleException e => (400, "请求内容有误", e.Message, e.Field is null ? null : [new FieldError(e.Field, e.Message)]),
            BadHttpRequestException { InnerException: JsonException json } => BadJson(json),
            BadHttpRequestException e => (e.StatusCode, "请求无法读取", e.Message, null),
            JsonException json => BadJson(json),
            NotFoundException e => (404, "未找到", e.Message, null),
            ForbiddenException e => (403, "无权操作", e.Message, null),
            ConflictException e => (409, "操作冲突", e.Message, null),
            DbUpdateConcurrencyException => (409, "操作冲突", "该记录已被他人同时修改，请刷新后重试。", null),
            _ => (null, "", "", null),
        };

    private static (int?, string, string, IReadOnlyList<FieldError>?) BadJson(JsonException json)
    {
        var field = JsonPaths.ToField(json.Path);
        var where = json.LineNumber is { } line ? $"（第 {line + 1} 行，第 {json.BytePositionInLine + 1} 个字节）" : "";
        var detail = $"JSON 格式或类型错误：{(field.Length == 0 ? "请求体" : field)}{where}。";
        return (400, "请求体不是有效的 JSON", detail, [new FieldError(field, detail)]);
    }
}

public static class JsonPaths
{
    /// <summary>System.Text.Json reports "$.profile.financials[0].year"; problem details name "profile.financials[0].year".</summary>
    public static string ToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
