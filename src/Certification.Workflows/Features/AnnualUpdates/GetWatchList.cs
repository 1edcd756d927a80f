using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.AnnualUpdates;

/// <summary>
/// The watch list (关注名单) for officers: title holders whose latest yearly data no longer meets the tier of a title
/// they still hold, soonest expiry first, within the caller's region (and <paramref name="Region"/>, a narrower
/// prefix). Each entry names the titles at risk and why, so that re-evaluation finds no surprise.
/// </summary>
[AllowedCallers(Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record GetWatchList(string? Region = null) : IRequest<IReadOnlyList<WatchEntry>>;

public sealed record WatchEntry(
    string EnterpriseId,
    string EnterpriseName,
    string CreditCode,
    string RegionCode,
    int Year,
    string CriteriaVersion,
    DateTime SubmittedAt,
    IReadOnlyList<TitleCheckResult> Titles);

public sealed class GetWatchListValidator : IRequestValidator<GetWatchList>
{
    public IEnumerable<FieldError> Validate(GetWatchList request)
    {
        if (request.Region is { } r && (r.Length > 6 || !r.All(char.IsAsciiDigit)))
            yield return new FieldError("region", "地区须为行政区划代码前缀（如 33、3301）");
    }
}

public sealed class GetWatchListHandler(CertificationDbContext db, TimeProvider clock, CallerContext callers)
    : IRequestHandler<GetWatchList, IReadOnlyList<WatchEntry>>
{
    public async Task<IReadOnlyList<WatchEntry>> Handle(GetWatchList request, CancellationToken ct)
    {
        if (callers.Current.NarrowRegion(request.Region) is not { } region) return [];
        var today = ChinaTime.Today(clock);
        // The latest update of each enterprise decides: a later one that meets the tiers again takes it off the list.
        var flagged = await db.AnnualUpdates.AsNoTracking()
            .Where(u => u.Current && u.Flagged && u.RegionCode.StartsWith(region))
            .ToListAsync(ct);
        var ids = flagged.Select(u => u.EnterpriseId).ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var valid = (await db.Titles.AsNoTracking()
                .Where(t => ids.Contains(t.EnterpriseId) && t.Status == TitleStatus.Valid && t.ValidUntil >= today)
                .Select(t => t.Id).ToListAsync(ct))
            .ToHashSet();
        return flagged
            .Select(u => (Update: u, AtRisk: AnnualUpdateViews.Read(u.ResultsJson)
                .Where(r => r.Outcome != TitleCheck.Renewed && valid.Contains(r.TitleId)).ToList()))
            .Where(x => x.AtRisk.Count > 0 && enterprises.ContainsKey(x.Update.EnterpriseId))
            .OrderBy(x => x.AtRisk.Min(r => r.ValidUntil)).ThenBy(x => x.Update.EnterpriseId, StringComparer.Ordinal)
            .Select(x =>
            {
                var e = enterprises[x.Update.EnterpriseId];
                return new WatchEntry(e.Id, e.Name, e.CreditCode, e.RegionCode, x.Update.Year, x.Update.CriteriaVersion, x.Update.SubmittedAt, x.AtRisk);
            })
            .ToList();
    }
}
