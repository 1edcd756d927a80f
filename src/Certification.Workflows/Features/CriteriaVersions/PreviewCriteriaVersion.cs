using Certification.Domain.Criteria;
using Certification.Domain.Dynamic;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.CriteriaVersions;

/// <summary>
/// Before publishing: how many current title holders would no longer meet their title's tier under a version (a
/// draft, typically), per tier, beside how many fail under the version in force today, with a sample of those who
/// would fail and why. Holders are those with a valid title today, in the version's region narrowed to the caller's
/// (a regulator sees its region only); each is judged on its working profile (the latest annual data).
/// </summary>
[AllowedCallers(Roles.Admin, Roles.Regulator)]
public sealed record PreviewCriteriaVersion(string Version, int? Sample = null) : IRequest<CriteriaPreview>;

/// <param name="Failing">Holders whose title's tier the version would not be met (they would be downgraded or lapse at re-evaluation).</param>
public sealed record CriteriaPreview(
    string Version,
    string Status,
    string RegionPrefix,
    DateOnly AsOf,
    int Holders,
    int Failing,
    IReadOnlyList<TierPreview> Tiers,
    IReadOnlyList<PreviewHolder> Sample);

/// <param name="FailingInForce">How many of the same holders fail under the version in force for their region today.</param>
public sealed record TierPreview(string Tier, string? TierName, int Holders, int Failing, int FailingInForce);

/// <param name="Outcome">What re-evaluation would propose: Downgraded (a lower tier met) or Lapsed.</param>
public sealed record PreviewHolder(
    string EnterpriseId,
    string EnterpriseName,
    string CreditCode,
    string RegionCode,
    string TitleId,
    string CertificateNumber,
    string Tier,
    DateOnly ValidUntil,
    string Outcome,
    string? TierMet,
    IReadOnlyList<FailedCondition> Failed);

public sealed class PreviewCriteriaVersionValidator : IRequestValidator<PreviewCriteriaVersion>
{
    public IEnumerable<FieldError> Validate(PreviewCriteriaVersion request)
    {
        if (request.Sample is < 0 or > 200) yield return new FieldError("sample", "样本数（sample）须在 0–200 之间");
    }
}

public sealed class PreviewCriteriaVersionHandler(CertificationDbContext db, CriteriaRegistry registry, TimeProvider clock, CallerContext callers)
    : IRequestHandler<PreviewCriteriaVersion, CriteriaPreview>
{
    public async Task<CriteriaPreview> Handle(PreviewCriteriaVersion request, CancellationToken ct)
    {
        var entry = await db.CriteriaVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == request.Version, ct)
                    ?? throw new NotFoundException($"评价标准版本 {request.Version} 不存在");
        var criteria = Load(entry);
        var today = ChinaTime.Today(clock);
        var region = callers.Current.NarrowRegion(entry.RegionPrefix);
        var tiers = new Dictionary<string, (int Holders, int Failing, int FailingInForce)>();
        var sample = new List<PreviewHolder>();
        var failing = 0;
        var holders = 0;
        if (region is not null)
        {
            var enterprises = db.Enterprises.AsNoTracking().Where(e => e.RegionCode.StartsWith(region));
            var titles = await db.Titles.AsNoTracking()
                .Where(t => t.Status == TitleStatus.Valid && t.ValidUntil >= today && enterprises.Any(e => e.Id == t.EnterpriseId))
                .OrderBy(t => t.EnterpriseId).ThenBy(t => t.Tier)
                .ToListAsync(ct);
            var ids = titles.Select(t => t.EnterpriseId).Distinct().ToList();
            var byId = await enterprises.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            var held = titles.ToLookup(t => t.EnterpriseId);
            foreach (var title in titles)
            {
                var enterprise = byId[title.EnterpriseId];
                var profile = enterprise.Profile;
                var judged = TitleCheck.Judge(criteria, title, profile, held[title.EnterpriseId], today);
                var now = TitleCheck.Judge(registry.InForce(enterprise.RegionCode), title, profile, held[title.EnterpriseId], today);
                var fails = judged.Outcome != TitleCheck.Renewed;
                var counts = tiers.GetValueOrDefault(title.Tier);
                tiers[title.Tier] = (counts.Holders + 1, counts.Failing + (fails ? 1 : 0), counts.FailingInForce + (now.Outcome != TitleCheck.Renewed ? 1 : 0));
                holders++;
                if (!fails) continue;
                failing++;
                if (sample.Count < (request.Sample ?? 20))
                    sample.Add(new PreviewHolder(enterprise.Id, enterprise.Name, enterprise.CreditCode, enterprise.RegionCode, title.Id,
                        title.CertificateNumber, title.Tier, title.ValidUntil, judged.Outcome, judged.Tier, judged.OwnTier?.Failed ?? []));
            }
        }
        return new CriteriaPreview(entry.Version, entry.Status, region ?? entry.RegionPrefix, today, holders, failing,
            tiers.OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => new TierPreview(t.Key, TierNames.Of(registry.Catalog, CriteriaCatalog.DefaultVersion, t.Key) ?? criteria.FindTier(t.Key)?.Name,
                    t.Value.Holders, t.Value.Failing, t.Value.FailingInForce))
                .ToList(),
            sample);
    }

    /// <summary>A published version from the catalog; a draft loaded on top of the versions in service.</summary>
    private CriteriaSet Load(CriteriaVersionEntry entry)
    {
        if (registry.Catalog.TryGet(entry.Version, out var set)) return set;
        try
        {
            return registry.Catalog.With(entry.Json).Get(entry.Version);
        }
        catch (CriteriaDefinitionException e)
        {
            throw new ConflictException($"评价标准版本“{entry.Version}”无法与现行版本一同加载：{e.Detail}");
        }
    }
}
