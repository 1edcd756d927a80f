using System.Text.Json.Nodes;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Dynamic;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.CriteriaVersions;

/// <summary>
/// An administrator adds a draft criteria version: a criteria document (format: <c>criteria/README.md</c>), either a
/// national revision or a province's 特色化 overlay (<c>"extends": "miit-2022"</c>, <c>"region": "33"</c>). The
/// document must load with the versions in service (a mistake is a 400 naming its JSON path). Drafts change nothing
/// until published.
/// </summary>
[AllowedCallers(Roles.Admin)]
public sealed record CreateCriteriaDraft(JsonObject? Document, string Actor) : IRequest<CriteriaVersionView>;

public sealed class CreateCriteriaDraftHandler(CertificationDbContext db, CriteriaRegistry registry, TimeProvider clock)
    : IRequestHandler<CreateCriteriaDraft, CriteriaVersionView>
{
    public async Task<CriteriaVersionView> Handle(CreateCriteriaDraft request, CancellationToken ct)
    {
        var document = request.Document ?? throw new RequestValidationException("version", "请提交评价标准文件（JSON 对象）");
        var version = document["version"] is JsonValue v && v.TryGetValue<string>(out var text) ? text.Trim() : "";
        if (version.Length is 0 or > 60 || !version.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new RequestValidationException("version", "版本号（version）必填，由小写字母、数字和连字符组成，不超过 60 个字符");
        var region = document["region"] is JsonValue r && r.TryGetValue<string>(out var regionText) ? regionText.Trim() : "";
        if (region.Length > 0 && (region.Length is not (2 or 4 or 6) || !region.All(char.IsAsciiDigit) || !RegionCode.IsValid(region.PadRight(6, '0'))))
            throw new RequestValidationException("region", "适用地区（region）须为 2 位（省）、4 位（市）或 6 位（县）行政区划代码，全国版本留空");
        if (await db.CriteriaVersions.AnyAsync(e => e.Version == version, ct) || registry.Catalog.TryGet(version, out _))
            throw new ConflictException($"评价标准版本“{version}”已存在，请换一个版本号。");

        var json = document.ToJsonString();
        CriteriaSet loaded;
        try
        {
            loaded = registry.Catalog.With(json).Get(version);
        }
        catch (CriteriaDefinitionException e)
        {
            var field = e.Path.TrimStart('$').TrimStart('.');
            throw new RequestValidationException(field.Length == 0 ? "version" : field, e.Detail);
        }
        var entry = CriteriaVersionEntry.Draft(version, Clip(loaded.Definition.Title ?? version, 200), region, loaded.Definition.Extends,
            json, request.Actor, clock.GetUtcNow().UtcDateTime);
        db.CriteriaVersions.Add(entry);
        await db.SaveChangesAsync(ct);
        return CriteriaVersionView.From(entry, registry, detail: true);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>
/// An administrator publishes a draft: from now on it is the version in force for its region (new batches and
/// re-evaluations use it). Evaluations already made keep the version they were made under.
/// </summary>
[AllowedCallers(Roles.Admin)]
public sealed record PublishCriteriaVersion(string Version, string Actor) : IRequest<CriteriaVersionView>;

public sealed class PublishCriteriaVersionHandler(CertificationDbContext db, CriteriaRegistry registry, TimeProvider clock)
    : IRequestHandler<PublishCriteriaVersion, CriteriaVersionView>
{
    public async Task<CriteriaVersionView> Handle(PublishCriteriaVersion request, CancellationToken ct)
    {
        var entry = await db.CriteriaVersions.FirstOrDefaultAsync(v => v.Version == request.Version, ct)
                    ?? throw new NotFoundException($"评价标准版本 {request.Version} 不存在");
        if (entry.Status != CriteriaVersionStatus.Draft) throw new ConflictException($"评价标准版本“{entry.Version}”已发布。");
        if (entry.Extends is { } baseVersion && !registry.Catalog.TryGet(baseVersion, out _))
            throw new ConflictException($"评价标准版本“{entry.Version}”所依据的版本“{baseVersion}”尚未发布，请先发布它。");
        entry.Publish(request.Actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await registry.RefreshAsync(db, ct);
        return CriteriaVersionView.From(entry, registry, detail: false);
    }
}
