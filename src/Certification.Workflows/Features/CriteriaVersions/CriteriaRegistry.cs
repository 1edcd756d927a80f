using Certification.Domain.Criteria;
using Certification.Domain.Dynamic;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.CriteriaVersions;

/// <summary>
/// The criteria versions in service: the shipped ones (plus <c>Criteria:Directory</c>) and those published in the
/// register (table <c>CriteriaVersions</c>). A singleton snapshot, rebuilt when the register's published set changes:
/// at start, after a publication in this process, and on every background sweep (so that several hosts on one
/// database converge within a sweep interval). The request scope's <see cref="CriteriaCatalog"/> is its current
/// catalog, so every evaluation, batch and view knows the published versions.
/// </summary>
public sealed class CriteriaRegistry(CriteriaCatalog shipped)
{
    /// <summary>A published version's place in the register: which regions it covers, since when.</summary>
    public sealed record Published(string Version, string RegionPrefix, DateTime PublishedAt);

    private sealed record Snapshot(CriteriaCatalog Catalog, IReadOnlyList<Published> Versions, string Stamp);

    private volatile Snapshot _snapshot = new(shipped, [], "");

    public CriteriaCatalog Shipped { get; } = shipped;

    public CriteriaCatalog Catalog => _snapshot.Catalog;

    public IReadOnlyList<Published> PublishedVersions => _snapshot.Versions;

    /// <summary>
    /// The version in force for an enterprise or batch of <paramref name="regionCode"/> (a code or prefix): among the
    /// published versions whose region covers it, the most specific region first, then the latest publication; the
    /// shipped national default when the register is empty.
    /// </summary>
    public string InForceVersion(string? regionCode)
    {
        var region = regionCode ?? "";
        return _snapshot.Versions
            .Where(v => region.StartsWith(v.RegionPrefix, StringComparison.Ordinal))
            .OrderByDescending(v => v.RegionPrefix.Length).ThenByDescending(v => v.PublishedAt)
            .Select(v => v.Version)
            .FirstOrDefault() ?? CriteriaCatalog.DefaultVersion;
    }

    public CriteriaSet InForce(string? regionCode) => Catalog.Get(InForceVersion(regionCode));

    /// <summary>Records the shipped default version in the register on a database's first start (published).</summary>
    public async Task EnsureShippedAsync(CertificationDbContext db, DateTime now, CancellationToken ct = default)
    {
        var version = CriteriaCatalog.DefaultVersion;
        if (await db.CriteriaVersions.AnyAsync(v => v.Version == version, ct)) return;
        var set = Shipped.Get(version);
        db.CriteriaVersions.Add(CriteriaVersionEntry.Shipped(version, set.Definition.Title ?? version, set.Definition.Region ?? "",
            set.ResolvedJson, now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Reloads the published versions if the register changed since the last look.</summary>
    public async Task RefreshAsync(CertificationDbContext db, CancellationToken ct = default)
    {
        var rows = await db.CriteriaVersions.AsNoTracking()
            .Where(v => v.Status == CriteriaVersionStatus.Published)
            .Select(v => new { v.Version, v.RegionPrefix, v.PublishedAt, v.BuiltIn })
            .ToListAsync(ct);
        var stamp = string.Join("|", rows.OrderBy(r => r.Version, StringComparer.Ordinal).Select(r => $"{r.Version}@{r.PublishedAt:O}"));
        if (stamp == _snapshot.Stamp) return;

        // Versions the shipped catalog already has (the built-in one) are not loaded twice; the others in publication
        // order, so that an overlay finds the base it extends.
        var toLoad = rows.Where(r => !Shipped.TryGet(r.Version, out _)).OrderBy(r => r.PublishedAt).Select(r => r.Version).ToList();
        var texts = toLoad.Count == 0 ? []
            : await db.CriteriaVersions.AsNoTracking().Where(v => toLoad.Contains(v.Version)).Select(v => new { v.Version, v.Json }).ToListAsync(ct);
        var catalog = texts.Count == 0 ? Shipped
            : Shipped.With(toLoad.Select(v => texts.Single(t => t.Version == v).Json).ToArray());
        _snapshot = new Snapshot(catalog,
            rows.Select(r => new Published(r.Version, r.RegionPrefix, r.PublishedAt ?? DateTime.MinValue)).ToList(), stamp);
    }
}
