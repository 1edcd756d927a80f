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
        var (status, title, detail, errors) = DatabaseUnavailable(exception) ? (503, "数据库暂时不可用", "数据库正忙或暂时无法连接，本次操作未生效，请稍后重试。", null) : Describe(exception);
        if (status is null) return false;

        http.Response.StatusCode = status.Value;
        if (status == 503) http.Response.Headers.RetryAfter = RetryAfterSeconds;
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

    private const string RetryAfterSeconds = "5";

    /// <summary>
    /// The database is locked by another writer beyond <c>Database:SqliteBusyTimeoutMs</c>, or cannot be reached: the
    /// command did not commit (its transaction rolled back), so the client may simply try again. The host keeps
    /// running and recovers as soon as the database does.
    /// </summary>
    public static bool DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 or 10 or 14 }) return true;
            if (e is Npgsql.NpgsqlException { IsTransient: true }) return true;
            if (e is TimeoutException) return true;
        }
        return false;
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
