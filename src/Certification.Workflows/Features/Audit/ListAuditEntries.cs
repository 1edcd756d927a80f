using System.Globalization;
using System.Text.Json.Nodes;
using Certification.Domain.Time;
using Certification.Workflows.Access;
using Certification.Workflows.Audit;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Audit;

/// <summary>
/// The audit log, newest first, a page at a time. Filters: user name, command (operation) name, time range
/// (<c>from</c>/<c>to</c>: a Beijing date, <c>to</c> inclusive, or an ISO 8601 instant) and target (a row's id or
/// <c>Table/id</c>, matched within the changed rows).
/// </summary>
[AllowedCallers(Roles.Admin, Roles.Regulator)]
public sealed record ListAuditEntries(
    string? User = null, string? Command = null, string? From = null, string? To = null, string? Target = null,
    int Page = 1, int PageSize = 50) : IRequest<AuditPage>
{
    public const int MaxPageSize = 200;
}

public sealed record AuditPage(int Page, int PageSize, long Total, IReadOnlyList<AuditEntryView> Items);

public sealed record AuditEntryView(
    long Sequence, DateTime At, string UserName, string Role, string? ClientAddress, string Operation, JsonNode? Description,
    IReadOnlyList<string> Targets, JsonNode? Changes, string PreviousHash, string Hash)
{
    public static AuditEntryView From(AuditEntry e) => new(
        e.Sequence, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.UserName, e.Role, e.ClientAddress, e.Operation, ParseOrText(e.Description),
        e.Targets.Split(' ', StringSplitOptions.RemoveEmptyEntries), ParseOrText(e.Changes), e.PreviousHash, e.Hash);

    /// <summary>The stored JSON; should it ever not parse (it was tampered with), the raw text, so the log still lists.</summary>
    private static JsonNode? ParseOrText(string text)
    {
        if (text.Length == 0) return null;
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return JsonValue.Create(text); }
    }
}

public static class AuditTimeRange
{
    /// <summary>A Beijing date (yyyy-MM-dd) or an ISO 8601 instant with offset; <paramref name="end"/> makes a date inclusive.</summary>
    public static bool TryParse(string text, bool end, out DateTime utc)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (end && date == DateOnly.MaxValue) { utc = DateTime.MaxValue; return true; }
            utc = ChinaTime.StartOf(end ? date.AddDays(1) : date).UtcDateTime;
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && text.Contains('T'))
        {
            utc = instant.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }
}

public sealed class ListAuditEntriesValidator : IRequestValidator<ListAuditEntries>
{
    public IEnumerable<FieldError> Validate(ListAuditEntries request)
    {
        if (request.Page is < 1 or > 1_000_000) yield return new FieldError("page", "页码须在 1–1000000 之间");
        if (request.PageSize is < 1 or > ListAuditEntries.MaxPageSize)
            yield return new FieldError("pageSize", $"每页条数须在 1–{ListAuditEntries.MaxPageSize} 之间");
        if (request.From is { } from && !AuditTimeRange.TryParse(from, end: false, out _))
            yield return new FieldError("from", $"“{from}”不是有效的日期（yyyy-MM-dd）或时间（ISO 8601）");
        if (request.To is { } to && !AuditTimeRange.TryParse(to, end: true, out _))
            yield return new FieldError("to", $"“{to}”不是有效的日期（yyyy-MM-dd）或时间（ISO 8601）");
        foreach (var (field, value) in new[] { ("user", request.User), ("command", request.Command), ("target", request.Target) })
            if (value is { Length: > 200 }) yield return new FieldError(field, "筛选条件不超过 200 个字符");
    }
}

public sealed class ListAuditEntriesHandler(CertificationDbContext db, CallerContext caller) : IRequestHandler<ListAuditEntries, AuditPage>
{
    public async Task<AuditPage> Handle(ListAuditEntries request, CancellationToken ct)
    {
        AuditAccess.EnsureMayRead(caller.Current);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.User)) query = query.Where(e => e.UserName == request.User.Trim());
        if (!string.IsNullOrWhiteSpace(request.Command)) query = query.Where(e => e.Operation == request.Command.Trim());
        if (request.From is { } fromText && AuditTimeRange.TryParse(fromText, end: false, out var from)) query = query.Where(e => e.At >= from);
        if (request.To is { } toText && AuditTimeRange.TryParse(toText, end: true, out var to)) query = query.Where(e => e.At < to);
        if (!string.IsNullOrWhiteSpace(request.Target)) query = query.Where(e => e.Targets.Contains(request.Target.Trim()));

        var total = await query.LongCountAsync(ct);
        var entries = await query.OrderByDescending(e => e.Sequence)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(ct);
        return new AuditPage(request.Page, request.PageSize, total, entries.Select(AuditEntryView.From).ToList());
    }
}
