using Certification.Domain.Dynamic;

namespace Certification.Workflows.Features.CriteriaVersions;

/// <summary>
/// A criteria version of the register. <see cref="InForce"/>: it is the version in force for its own region today
/// (new batches of that region and re-evaluations use it). <see cref="Document"/> (detail only) is the JSON as stored.
/// </summary>
public sealed record CriteriaVersionView(
    string Version,
    string Title,
    string RegionPrefix,
    string? Extends,
    string Status,
    string StatusLabel,
    bool BuiltIn,
    bool InForce,
    string CreatedBy,
    DateTime CreatedAt,
    string? PublishedBy,
    DateTime? PublishedAt,
    string? Document)
{
    public static CriteriaVersionView From(CriteriaVersionEntry e, CriteriaRegistry registry, bool detail) =>
        new(e.Version, e.Title, e.RegionPrefix, e.Extends, e.Status, CriteriaVersionStatus.Label(e.Status), e.BuiltIn,
            e.Status == CriteriaVersionStatus.Published && registry.InForceVersion(e.RegionPrefix) == e.Version,
            e.CreatedBy, e.CreatedAt, e.PublishedBy, e.PublishedAt, detail ? e.Json : null);
}
