using System.Globalization;
using Certification.Domain.Criteria;
using Certification.Workflows.Mediation;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Exports;

/// <summary>
/// Writes an approved list to a stream as CSV (UTF-8 with BOM, for Excel) or XLSX, row by row as they are read.
/// XLSX needs a seekable stream (a file); CSV streams anywhere. Returns the number of rows written.
/// </summary>
[AllowedCallers(Roles.Admin, Roles.Reviewer, Roles.Regulator)]
public sealed record ExportApprovedList(ApprovedListFilter Filter, ExportFormat Format, Stream Output) : IRequest<int>;

public sealed class ExportApprovedListValidator(CriteriaCatalog criteria) : IRequestValidator<ExportApprovedList>
{
    public IEnumerable<FieldError> Validate(ExportApprovedList request)
    {
        var f = request.Filter;
        foreach (var error in ListFilterRules.Check(criteria, f.Tier, f.RegionPrefix, f.Year)) yield return error;
        if (f.Status is { Length: > 0 } status && !ApprovedList.Statuses.Contains(status))
            yield return new FieldError("status", $"状态须为 {string.Join("、", ApprovedList.Statuses)} 之一");
        if (request.Format == ExportFormat.Xlsx && !request.Output.CanSeek)
            yield return new FieldError("format", "XLSX 需要写入可定位的文件流");
    }
}

public sealed class ExportApprovedListHandler(ApprovedList list, CallerContext callers) : IRequestHandler<ExportApprovedList, int>
{
    public async Task<int> Handle(ExportApprovedList request, CancellationToken ct)
    {
        // A regional account exports its own region (or a part of it), never beyond.
        var region = callers.Current.NarrowRegion(request.Filter.RegionPrefix)
                     ?? throw new ForbiddenException($"地区 {request.Filter.RegionPrefix} 超出本账号的地区范围（{callers.Current.RegionPrefix}）。");
        var filter = request.Filter with { RegionPrefix = region.Length == 0 ? null : region };
        var written = await SpreadsheetFile.WriteAsync(request.Format, Rows(filter, ct), "认定名单", request.Output, ct);
        return written - 1;
    }

    private async IAsyncEnumerable<IReadOnlyList<string>> Rows(ApprovedListFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        yield return ApprovedList.Headers;
        await foreach (var row in list.RowsAsync(filter, ct).WithCancellation(ct))
            yield return
            [
                row.CreditCode, row.EnterpriseName, row.Region, row.Title, row.Batch,
                row.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.Status,
            ];
    }
}
