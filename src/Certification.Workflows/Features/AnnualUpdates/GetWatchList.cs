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
/// prefix), a page at a time. Each entry names the titles at risk and why, so that re-evaluation finds no surprise.
/// </summary>
[AllowedCallers(Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record GetWatchList(string? Region = null, int Page = 1, int PageSize = Paging.MaxPageSize) : IRequest<ListPage<WatchEntry>>;

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
        foreach (var error in Paging.Check(request.Page, request.PageSize)) yield return error;
    }
}

public sealed class GetWatchListHandler(CertificationDbContext db, TimeProvider clock, CallerContext callers)
    : IRequestHandler<GetWatchList, ListPage<WatchEntry>>
{
    public async Task<ListPage<WatchEntry>> Handle(GetWatchList request, CancellationToken ct)
    {
        if (callers.Current.NarrowRegion(request.Region) is not { } region) return Paging.Cut<WatchEntry>([], 1, request.PageSize);
        var today = ChinaTime.Today(clock);
        var valid = db.Titles.Where(t => t.Status == TitleStatus.Valid && t.ValidUntil >= today);
        // The latest update of each enterprise decides: a later one that meets the tiers again takes it off the list.
        // Which titles an update put at risk is in its results (JSON), so the database narrows the candidates (still
        // holding a valid title), which are read without their profiles, ordered and counted here; only the page's
        // enterprises are read.
        var flagged = await db.AnnualUpdates.AsNoTracking()
            .Where(u => u.Current && u.Flagged && u.RegionCode.StartsWith(region)
                        && valid.Any(t => t.EnterpriseId == u.EnterpriseId) && db.Enterprises.Any(e => e.Id == u.EnterpriseId))
            .Select(u => new { u.EnterpriseId, u.Year, u.CriteriaVersion, u.SubmittedAt, u.ResultsJson })
            .ToListAsync(ct);
        var ids = flagged.Select(u => u.EnterpriseId).ToList();
        var validIds = (await valid.Where(t => ids.Contains(t.EnterpriseId)).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var atRisk = flagged
            .Select(u => (Update: u, AtRisk: AnnualUpdateViews.Read(u.ResultsJson)
                .Where(r => r.Outcome != TitleCheck.Renewed && validIds.Contains(r.TitleId)).ToList()))
            .Where(x => x.AtRisk.Count > 0)
            .OrderBy(x => x.AtRisk.Min(r => r.ValidUntil)).ThenBy(x => x.Update.EnterpriseId, StringComparer.Ordinal)
            .ToList();
        var page = Paging.Cut(atRisk, request.Page, request.PageSize);
        var shown = page.Items.Select(x => x.Update.EnterpriseId).ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => shown.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return page.With(page.Items.Select(x =>
        {
            var e = enterprises[x.Update.EnterpriseId];
            return new WatchEntry(e.Id, e.Name, e.CreditCode, e.RegionCode, x.Update.Year, x.Update.CriteriaVersion, x.Update.SubmittedAt, x.AtRisk);
        }).ToList());
    }
}
