using Certification.Domain.Criteria;
using Certification.Domain.Regions;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Exports;

/// <summary>Which titles an approved list holds; <paramref name="Search"/>: part of the enterprise's name, or the start of its credit code.</summary>
public sealed record ApprovedListFilter(string? Tier, string? RegionPrefix, string? BatchId, int? Year, string? Status, string? Search = null);

/// <summary>
/// One line of an approved list, in the column order of the exports; the ids and the certificate number after them
/// are for pages that link a line to its enterprise and title (the exports do not write them).
/// </summary>
public sealed record ApprovedListRow(
    string CreditCode, string EnterpriseName, string Region, string Title, string Batch, DateOnly IssuedOn, DateOnly ValidUntil, string Status,
    string TitleId, string EnterpriseId, string CertificateNumber);

/// <summary>
/// The approved list (认定名单) as a stream of rows straight from the database: nothing is buffered, so exporting
/// a million titles costs the memory of one row.
/// </summary>
public sealed class ApprovedList(CertificationDbContext db, CriteriaCatalog criteria, TimeProvider clock)
{
    public static readonly string[] Headers = ["统一社会信用代码", "企业名称", "所在地区", "称号", "批次", "认定日期", "有效期至", "状态"];

    /// <summary>Filter values for <see cref="ApprovedListFilter.Status"/>.</summary>
    public static readonly string[] Statuses = ["valid", "expired", "revoked", "superseded"];

    public async IAsyncEnumerable<ApprovedListRow> RowsAsync(ApprovedListFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var tierNames = TierNames();
        await foreach (var line in Ordered(Filtered(filter, today)).AsAsyncEnumerable().WithCancellation(ct))
            yield return Row(line, tierNames, today);
    }

    /// <summary>One page of the list in the order of the exports, and how many titles the filter holds in all.</summary>
    public async Task<(int Total, IReadOnlyList<ApprovedListRow> Rows)> PageAsync(ApprovedListFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var query = Filtered(filter, today);
        var total = await query.CountAsync(ct);
        var lines = await Ordered(query).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var tierNames = TierNames();
        return (total, lines.Select(l => Row(l, tierNames, today)).ToList());
    }

    /// <summary>A title joined with its enterprise and batch, as the filters and the rows need it.</summary>
    private sealed class Line
    {
        public string TitleId { get; init; } = "";
        public string EnterpriseId { get; init; } = "";
        public string Tier { get; init; } = "";
        public DateOnly IssuedOn { get; init; }
        public DateOnly ValidUntil { get; init; }
        public string Status { get; init; } = "";
        public string CertificateNumber { get; init; } = "";
        public string CreditCode { get; init; } = "";
        public string Name { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public string? BatchId { get; init; }
        public string? BatchName { get; init; }
    }

    private IQueryable<Line> Filtered(ApprovedListFilter filter, DateOnly today)
    {
        var query =
            from t in db.Titles.AsNoTracking()
            join e in db.Enterprises.AsNoTracking() on t.EnterpriseId equals e.Id
            join a in db.Applications.AsNoTracking() on t.ApplicationId equals a.Id into apps
            from a in apps.DefaultIfEmpty()
            join b in db.Batches.AsNoTracking() on a.BatchId equals b.Id into batches
            from b in batches.DefaultIfEmpty()
            select new Line
            {
                TitleId = t.Id, EnterpriseId = e.Id, Tier = t.Tier, IssuedOn = t.IssuedOn, ValidUntil = t.ValidUntil, Status = t.Status, CertificateNumber = t.CertificateNumber,
                CreditCode = e.CreditCode, Name = e.Name, RegionCode = e.RegionCode, BatchId = (string?)b.Id, BatchName = (string?)b.Name,
            };

        if (!string.IsNullOrEmpty(filter.Tier)) query = query.Where(x => x.Tier == filter.Tier);
        if (!string.IsNullOrEmpty(filter.RegionPrefix)) query = query.Where(x => x.RegionCode.StartsWith(filter.RegionPrefix));
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim();
            var code = text.ToUpperInvariant();
            query = query.Where(x => x.Name.Contains(text) || x.CreditCode.StartsWith(code));
        }
        if (!string.IsNullOrEmpty(filter.BatchId)) query = query.Where(x => x.BatchId == filter.BatchId);
        if (filter.Year is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            query = query.Where(x => x.IssuedOn >= from && x.IssuedOn <= to);
        }
        return filter.Status switch
        {
            "valid" => query.Where(x => x.Status == TitleStatus.Valid && x.ValidUntil >= today),
            "expired" => query.Where(x => x.Status == TitleStatus.Valid && x.ValidUntil < today),
            "revoked" => query.Where(x => x.Status == TitleStatus.Revoked),
            "superseded" => query.Where(x => x.Status == TitleStatus.Superseded),
            _ => query,
        };
    }

    private static IQueryable<Line> Ordered(IQueryable<Line> query) => query.OrderBy(x => x.IssuedOn).ThenBy(x => x.CertificateNumber);

    private Dictionary<string, string> TierNames() => criteria.Default.Tiers.ToDictionary(t => t.Code, t => t.Name);

    private static ApprovedListRow Row(Line x, Dictionary<string, string> tierNames, DateOnly today) =>
        new(x.CreditCode, x.Name, Provinces.Describe(x.RegionCode), tierNames.GetValueOrDefault(x.Tier, x.Tier),
            x.BatchName ?? "", x.IssuedOn, x.ValidUntil, StatusLabel(x.Status, x.ValidUntil, today),
            x.TitleId, x.EnterpriseId, x.CertificateNumber);

    private static string StatusLabel(string status, DateOnly validUntil, DateOnly today) => status switch
    {
        TitleStatus.Valid => validUntil >= today ? "有效" : "已到期",
        TitleStatus.Revoked => "已撤销",
        TitleStatus.Superseded => "已更替",
        _ => status,
    };
}
