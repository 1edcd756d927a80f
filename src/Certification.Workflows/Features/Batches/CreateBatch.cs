using Certification.Domain.Batches;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Time;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Batches;

/// <summary>
/// Opens a 申报批次 for one tier in one region (a 2-, 4- or 6-digit administrative prefix), with its window and the
/// criteria version its applications are evaluated under (default: the version in force for the batch's region,
/// see <see cref="CriteriaVersions.CriteriaRegistry"/>).
/// </summary>
[AllowedCallers(Roles.Admin)]
public sealed record CreateBatch(
    string? Name,
    string? Tier,
    string? RegionPrefix,
    DateOnly? OpensOn,
    DateOnly? ClosesOn,
    string? CriteriaVersion = null,
    int? PublicityWorkingDays = null,
    decimal? SpotCheckShare = null,
    int? RecommendationQuota = null) : IRequest<BatchView>
{
    public const int DefaultPublicityWorkingDays = 5;
    public const decimal DefaultSpotCheckShare = 0.2m;

    /// <summary>The version named, else the one in force for the batch's region.</summary>
    public string VersionIn(CriteriaVersions.CriteriaRegistry registry) =>
        string.IsNullOrWhiteSpace(CriteriaVersion) ? registry.InForceVersion(RegionPrefix?.Trim()) : CriteriaVersion.Trim();
}

public sealed class CreateBatchValidator(CriteriaCatalog catalog, CriteriaVersions.CriteriaRegistry registry) : IRequestValidator<CreateBatch>
{
    public IEnumerable<FieldError> Validate(CreateBatch request)
    {
        var version = request.VersionIn(registry);
        if (string.IsNullOrWhiteSpace(request.Name))
            yield return new FieldError("name", "批次名称必填");
        if (!catalog.TryGet(version, out var criteria))
            yield return new FieldError("criteriaVersion",
                $"未知的评价标准版本“{version}”，可用版本：{string.Join("、", catalog.Versions)}");
        if (string.IsNullOrWhiteSpace(request.Tier))
            yield return new FieldError("tier", "必须指定称号层级（tier）");
        else if (criteria is not null && criteria.FindTier(request.Tier) is null)
            yield return new FieldError("tier",
                $"评价标准“{criteria.Version}”中没有称号层级“{request.Tier}”，可用：{string.Join("、", criteria.Tiers.Select(t => t.Code))}");
        var prefix = request.RegionPrefix?.Trim();
        if (string.IsNullOrEmpty(prefix))
            yield return new FieldError("regionPrefix", "批次地区（行政区划代码前缀）必填");
        else if (prefix.Length is not (2 or 4 or 6) || !prefix.All(char.IsAsciiDigit) || !RegionCode.IsValid(prefix.PadRight(6, '0')))
            yield return new FieldError("regionPrefix", $"批次地区“{prefix}”须为 2 位（省）、4 位（市）或 6 位（县）行政区划代码");
        if (request.OpensOn is null)
            yield return new FieldError("opensOn", "申报开始日期必填（yyyy-MM-dd）");
        if (request.ClosesOn is null)
            yield return new FieldError("closesOn", "申报截止日期必填（yyyy-MM-dd）");
    }
}

public sealed class CreateBatchHandler(CertificationDbContext db, CriteriaCatalog catalog, CriteriaVersions.CriteriaRegistry registry, TimeProvider clock)
    : IRequestHandler<CreateBatch, BatchView>
{
    public async Task<BatchView> Handle(CreateBatch request, CancellationToken ct)
    {
        var batch = Batch.Create(Guid.CreateVersion7().ToString("D"), request.Name!.Trim(), request.Tier!, request.RegionPrefix!.Trim(),
            request.OpensOn!.Value, request.ClosesOn!.Value, request.VersionIn(registry),
            request.PublicityWorkingDays ?? CreateBatch.DefaultPublicityWorkingDays,
            request.SpotCheckShare ?? CreateBatch.DefaultSpotCheckShare,
            request.RecommendationQuota, clock.GetUtcNow().UtcDateTime);
        db.Batches.Add(batch);
        await db.SaveChangesAsync(ct);
        return BatchView.From(batch, ChinaTime.Today(clock), TierNames.Of(catalog, batch.CriteriaVersion, batch.Tier));
    }
}
