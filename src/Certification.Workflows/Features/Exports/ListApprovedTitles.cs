using Certification.Domain.Criteria;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using MediatR;

namespace Certification.Workflows.Features.Exports;

/// <summary>
/// A page of the approved list (认定名单) with the same filters, order and columns as its exports, and the number of
/// titles the filter holds (what an export of it will write); a regional account sees its own region only.
/// </summary>
[AllowedCallers(Roles.Admin, Roles.Reviewer, Roles.Regulator)]
public sealed record ListApprovedTitles(ApprovedListFilter Filter, int Page = 1, int PageSize = 20) : IRequest<ApprovedListPage>
{
    public const int MaxPageSize = 200;
}

public sealed record ApprovedListPage(int Page, int PageSize, int Total, IReadOnlyList<ApprovedListRow> Items);

public sealed class ListApprovedTitlesValidator(CriteriaCatalog criteria) : IRequestValidator<ListApprovedTitles>
{
    public IEnumerable<FieldError> Validate(ListApprovedTitles request)
    {
        var f = request.Filter;
        foreach (var error in ListFilterRules.Check(criteria, f.Tier, f.RegionPrefix, f.Year)) yield return error;
        if (f.Status is { Length: > 0 } status && !ApprovedList.Statuses.Contains(status))
            yield return new FieldError("status", $"状态须为 {string.Join("、", ApprovedList.Statuses)} 之一");
        if (f.Search is { Length: > 100 }) yield return new FieldError("search", "搜索内容不超过 100 个字符");
        if (f.BatchId is { Length: > 64 }) yield return new FieldError("batch", "批次编号无效");
        if (request.Page is < 1 or > 1_000_000) yield return new FieldError("page", "页码须在 1–1000000 之间");
        if (request.PageSize is < 1 or > ListApprovedTitles.MaxPageSize)
            yield return new FieldError("pageSize", $"每页条数须在 1–{ListApprovedTitles.MaxPageSize} 之间");
    }
}

public sealed class ListApprovedTitlesHandler(ApprovedList list, CallerContext callers) : IRequestHandler<ListApprovedTitles, ApprovedListPage>
{
    public async Task<ApprovedListPage> Handle(ListApprovedTitles request, CancellationToken ct)
    {
        var region = callers.Current.NarrowRegion(request.Filter.RegionPrefix)
                     ?? throw new ForbiddenException($"地区 {request.Filter.RegionPrefix} 超出本账号的地区范围（{callers.Current.RegionPrefix}）。");
        var filter = request.Filter with { RegionPrefix = region.Length == 0 ? null : region };
        var (total, rows) = await list.PageAsync(filter, request.Page, request.PageSize, ct);
        return new ApprovedListPage(request.Page, request.PageSize, total, rows);
    }
}
