using System.Text.Json;
using Certification.Domain;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Dynamic;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Features.CriteriaVersions;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.AnnualUpdates;

/// <summary>
/// A title holder submits its yearly data (年度数据更新): the profile with the financial year <paramref name="Year"/>
/// becomes its working profile, and each valid title it holds is re-checked under the criteria version in force for
/// its region. A title whose tier is no longer met flags the holder: it appears on the officers' watch list
/// (<see cref="GetWatchList"/>) until a later update meets it again. 409 when the enterprise holds no valid title.
/// </summary>
[AllowedCallers(Roles.Enterprise)]
public sealed record SubmitAnnualUpdate(string EnterpriseId, int? Year, EnterpriseProfile? Profile, string Actor) : IRequest<AnnualUpdateView>;

/// <param name="Flagged">Some held title's tier is no longer met: the holder is on the watch list.</param>
public sealed record AnnualUpdateView(
    string Id,
    string EnterpriseId,
    int Year,
    string CriteriaVersion,
    bool Flagged,
    string? Notice,
    IReadOnlyList<TitleCheckResult> Titles,
    string SubmittedBy,
    DateTime SubmittedAt);

/// <summary>One held title judged on the yearly data: Renewed (its tier met), Downgraded (only a lower tier) or Lapsed.</summary>
public sealed record TitleCheckResult(string TitleId, string CertificateNumber, string Tier, DateOnly ValidUntil, string Outcome, string? TierMet,
    IReadOnlyList<FailedCondition> Failed);

public sealed class SubmitAnnualUpdateValidator(TimeProvider clock) : IRequestValidator<SubmitAnnualUpdate>
{
    public IEnumerable<FieldError> Validate(SubmitAnnualUpdate request)
    {
        var thisYear = ChinaTime.Today(clock).Year;
        if (request.Year is null) yield return new FieldError("year", "请填写数据所属年度（year）");
        else if (request.Year < 2000 || request.Year > thisYear) yield return new FieldError("year", $"年度须在 2000–{thisYear} 之间");
        if (request.Profile is null) yield return new FieldError("profile", "请提交年度数据（profile，企业画像）");
        else if (request.Year is { } year && !(request.Profile.Financials ?? []).Any(f => f?.Year == year))
            yield return new FieldError("profile.financials", $"年度数据须包含 {year} 年的财务数据");
    }
}

public sealed class SubmitAnnualUpdateHandler(CertificationDbContext db, CriteriaRegistry registry, TimeProvider clock, CallerContext callers)
    : IRequestHandler<SubmitAnnualUpdate, AnnualUpdateView>
{
    public async Task<AnnualUpdateView> Handle(SubmitAnnualUpdate request, CancellationToken ct)
    {
        var enterprise = await db.Enterprises.VisibleTo(callers.Current).FirstOrDefaultAsync(e => e.Id == request.EnterpriseId, ct)
                         ?? throw new NotFoundException($"企业 {request.EnterpriseId} 不存在");
        var today = ChinaTime.Today(clock);
        var titles = await db.Titles.Where(t => t.EnterpriseId == enterprise.Id && t.Status == TitleStatus.Valid && t.ValidUntil >= today)
            .OrderBy(t => t.Tier).ToListAsync(ct);
        if (titles.Count == 0) throw new ConflictException("企业当前没有有效的称号；年度数据更新面向称号持有企业，申报请使用申请。");

        var now = clock.GetUtcNow().UtcDateTime;
        enterprise.UpdateProfile(request.Profile!, now);
        var profile = enterprise.Profile;
        var criteria = registry.InForce(enterprise.RegionCode);
        var results = titles.Select(t =>
        {
            var judged = TitleCheck.Judge(criteria, t, profile, titles, today);
            return new TitleCheckResult(t.Id, t.CertificateNumber, t.Tier, t.ValidUntil, judged.Outcome, judged.Tier, judged.OwnTier?.Failed ?? []);
        }).ToList();
        var flagged = results.Any(r => r.Outcome != TitleCheck.Renewed);
        var update = AnnualUpdate.Record(Guid.CreateVersion7().ToString("D"), enterprise.Id, enterprise.RegionCode, request.Year!.Value,
            enterprise.ProfileJson, criteria.Version, JsonSerializer.Serialize(results, CriteriaJson.Options), flagged, request.Actor, now);
        foreach (var earlier in await db.AnnualUpdates.Where(u => u.EnterpriseId == enterprise.Id && u.Current).ToListAsync(ct)) earlier.Supersede();
        db.AnnualUpdates.Add(update);
        await db.SaveChangesAsync(ct);
        return AnnualUpdateViews.From(update);
    }
}

internal static class AnnualUpdateViews
{
    public static AnnualUpdateView From(AnnualUpdate u)
    {
        var results = Read(u.ResultsJson);
        var notice = u.Flagged
            ? "按现行标准，以下称号的条件已不再满足，已列入关注名单：" + string.Join("；", results.Where(r => r.Outcome != TitleCheck.Renewed)
                .Select(r => $"{r.CertificateNumber}（{r.Tier}）" + (r.Failed.Count > 0 ? "：" + string.Join("，", r.Failed.Select(f => f.Reason)) : "")))
            : null;
        return new AnnualUpdateView(u.Id, u.EnterpriseId, u.Year, u.CriteriaVersion, u.Flagged, notice, results, u.SubmittedBy, u.SubmittedAt);
    }

    public static IReadOnlyList<TitleCheckResult> Read(string json)
    {
        try { return JsonSerializer.Deserialize<List<TitleCheckResult>>(json, CriteriaJson.Options) ?? []; }
        catch (JsonException) { return []; }
    }
}

/// <summary>An enterprise's yearly data updates, newest first.</summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record ListAnnualUpdates(string EnterpriseId) : IRequest<IReadOnlyList<AnnualUpdateView>>;

public sealed class ListAnnualUpdatesHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<ListAnnualUpdates, IReadOnlyList<AnnualUpdateView>>
{
    public async Task<IReadOnlyList<AnnualUpdateView>> Handle(ListAnnualUpdates request, CancellationToken ct)
    {
        if (!await db.Enterprises.VisibleTo(callers.Current).AnyAsync(e => e.Id == request.EnterpriseId, ct))
            throw new NotFoundException($"企业 {request.EnterpriseId} 不存在");
        var rows = await db.AnnualUpdates.AsNoTracking().Where(u => u.EnterpriseId == request.EnterpriseId)
            .OrderByDescending(u => u.SubmittedAt).ToListAsync(ct);
        return rows.Select(AnnualUpdateViews.From).ToList();
    }
}
