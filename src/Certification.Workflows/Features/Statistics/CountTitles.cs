using System.Globalization;
using Certification.Domain.Criteria;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Exports;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Statistics;

/// <summary>
/// Titles issued by tier × region × year (of issue), with how many of them are still valid today; the region one level
/// below the scope (see <see cref="StatisticsScope"/>). Counted in the database (GROUP BY), whatever the number of titles.
/// </summary>
[AllowedCallers(Roles.Admin, Roles.Regulator)]
public sealed record CountTitles(string? Region = null, string? Tier = null, int? FromYear = null, int? ToYear = null) : IRequest<TitleCounts>;

/// <param name="Region">The scope's region prefix ("" = national).</param>
public sealed record TitleCounts(string Region, string RegionName, int Issued, int Valid, IReadOnlyList<TitleCountRow> Rows)
{
    public IEnumerable<IReadOnlyList<string>> Lines()
    {
        yield return ["称号层级", "称号", "地区代码", "地区", "年份", "认定数", "有效数"];
        foreach (var r in Rows)
            yield return [r.Tier, r.TierName, r.RegionCode, r.RegionName, Text(r.Year), Text(r.Issued), Text(r.Valid)];
    }

    internal static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <param name="Valid">Of <paramref name="Issued"/>, those valid today (not revoked, superseded or past their term).</param>
public sealed record TitleCountRow(string Tier, string TierName, string RegionCode, string RegionName, int Year, int Issued, int Valid);

public sealed class CountTitlesValidator(CriteriaCatalog criteria) : IRequestValidator<CountTitles>
{
    public IEnumerable<FieldError> Validate(CountTitles request)
    {
        foreach (var e in ListFilterRules.Check(criteria, request.Tier, request.Region, request.FromYear, "fromYear")) yield return e;
        foreach (var e in ListFilterRules.Check(criteria, null, null, request.ToYear, "toYear")) yield return e;
        if (request.FromYear > request.ToYear) yield return new FieldError("toYear", "截止年份不能早于起始年份");
    }
}

public sealed class CountTitlesHandler(CertificationDbContext db, CallerContext callers, CriteriaCatalog criteria, TimeProvider clock)
    : IRequestHandler<CountTitles, TitleCounts>
{
    public async Task<TitleCounts> Handle(CountTitles request, CancellationToken ct)
    {
        var scope = StatisticsScope.Of(callers.Current, request.Region);
        var today = ChinaTime.Today(clock);
        var prefix = scope.RegionPrefix;
        var length = scope.BreakdownLength;
        var titles =
            from t in db.Titles.AsNoTracking()
            join e in db.Enterprises.AsNoTracking() on t.EnterpriseId equals e.Id
            where e.RegionCode.StartsWith(prefix)
            select new { t.Tier, Region = e.RegionCode.Substring(0, length), t.IssuedOn, Valid = t.Status == TitleStatus.Valid && t.ValidUntil >= today ? 1 : 0 };
        if (!string.IsNullOrEmpty(request.Tier)) titles = titles.Where(t => t.Tier == request.Tier);
        if (request.FromYear is { } from) { var first = new DateOnly(from, 1, 1); titles = titles.Where(t => t.IssuedOn >= first); }
        if (request.ToYear is { } to) { var last = new DateOnly(to, 12, 31); titles = titles.Where(t => t.IssuedOn <= last); }

        var groups = await titles
            .GroupBy(t => new { t.Tier, t.Region, t.IssuedOn.Year })
            .Select(g => new { g.Key.Tier, g.Key.Region, g.Key.Year, Issued = g.Count(), Valid = g.Sum(t => t.Valid) })
            .ToListAsync(ct);
        var rows = groups
            .OrderBy(g => g.Tier, StringComparer.Ordinal).ThenBy(g => g.Region, StringComparer.Ordinal).ThenBy(g => g.Year)
            .Select(g => new TitleCountRow(g.Tier, StatisticsScope.TierName(criteria, g.Tier), g.Region, StatisticsScope.RegionName(g.Region),
                g.Year, g.Issued, g.Valid))
            .ToList();
        return new TitleCounts(prefix, StatisticsScope.RegionName(prefix), rows.Sum(r => r.Issued), rows.Sum(r => r.Valid), rows);
    }
}
