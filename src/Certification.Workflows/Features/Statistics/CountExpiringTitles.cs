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
/// Valid titles whose term ends within the next <paramref name="Months"/> months (from today to the same day
/// <paramref name="Months"/> months on), by tier × region × month of expiry: the re-evaluations coming up.
/// </summary>
[AllowedCallers(Roles.Admin, Roles.Regulator)]
public sealed record CountExpiringTitles(int Months = 6, string? Region = null, string? Tier = null) : IRequest<ExpiringTitles>;

public sealed record ExpiringTitles(string Region, string RegionName, DateOnly From, DateOnly To, int Total, IReadOnlyList<ExpiringTitleRow> Rows)
{
    public IEnumerable<IReadOnlyList<string>> Lines()
    {
        yield return ["称号层级", "称号", "地区代码", "地区", "到期月份", "到期数"];
        foreach (var r in Rows) yield return [r.Tier, r.TierName, r.RegionCode, r.RegionName, r.Month, TitleCounts.Text(r.Count)];
    }
}

/// <param name="Month">yyyy-MM of the last valid day.</param>
public sealed record ExpiringTitleRow(string Tier, string TierName, string RegionCode, string RegionName, string Month, int Count);

public sealed class CountExpiringTitlesValidator(CriteriaCatalog criteria) : IRequestValidator<CountExpiringTitles>
{
    public IEnumerable<FieldError> Validate(CountExpiringTitles request)
    {
        if (request.Months is < 1 or > 36) yield return new FieldError("months", "月数须在 1–36 之间");
        foreach (var e in ListFilterRules.Check(criteria, request.Tier, request.Region, null)) yield return e;
    }
}

public sealed class CountExpiringTitlesHandler(CertificationDbContext db, CallerContext callers, CriteriaCatalog criteria, TimeProvider clock)
    : IRequestHandler<CountExpiringTitles, ExpiringTitles>
{
    public async Task<ExpiringTitles> Handle(CountExpiringTitles request, CancellationToken ct)
    {
        var scope = StatisticsScope.Of(callers.Current, request.Region);
        var today = ChinaTime.Today(clock);
        var until = today.AddMonths(request.Months);
        var prefix = scope.RegionPrefix;
        var length = scope.BreakdownLength;
        var titles =
            from t in db.Titles.AsNoTracking()
            join e in db.Enterprises.AsNoTracking() on t.EnterpriseId equals e.Id
            where t.Status == TitleStatus.Valid && t.ValidUntil >= today && t.ValidUntil <= until && e.RegionCode.StartsWith(prefix)
            select new { t.Tier, Region = e.RegionCode.Substring(0, length), t.ValidUntil.Year, t.ValidUntil.Month };
        if (!string.IsNullOrEmpty(request.Tier)) titles = titles.Where(t => t.Tier == request.Tier);

        var groups = await titles
            .GroupBy(t => new { t.Tier, t.Region, t.Year, t.Month })
            .Select(g => new { g.Key.Tier, g.Key.Region, g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(ct);
        var rows = groups
            .OrderBy(g => g.Year).ThenBy(g => g.Month).ThenBy(g => g.Tier, StringComparer.Ordinal).ThenBy(g => g.Region, StringComparer.Ordinal)
            .Select(g => new ExpiringTitleRow(g.Tier, StatisticsScope.TierName(criteria, g.Tier), g.Region, StatisticsScope.RegionName(g.Region),
                $"{g.Year:D4}-{g.Month:D2}", g.Count))
            .ToList();
        return new ExpiringTitles(prefix, StatisticsScope.RegionName(prefix), today, until, rows.Sum(r => r.Count), rows);
    }
}
