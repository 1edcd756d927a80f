namespace Certification.Domain.Dynamic;

/// <summary>
/// A criteria version in the register of versions: the shipped national version, a national revision or a province's
/// 特色化 overlay. Administrators add drafts, preview them against the current title holders and publish them;
/// published versions are never changed, so every stored evaluation keeps meaning what it meant. The version in force
/// for a region is the latest published one whose region covers it (a province's overlay before the national one).
/// </summary>
public sealed class CriteriaVersionEntry
{
    private CriteriaVersionEntry() { }

    /// <summary>The version id of the criteria document (<c>version</c>), e.g. <c>miit-2022</c>.</summary>
    public string Version { get; private set; } = "";
    public string Title { get; private set; } = "";
    /// <summary>The region prefix the version applies to ("" = national), from the document's <c>region</c>.</summary>
    public string RegionPrefix { get; private set; } = "";
    public string? Extends { get; private set; }
    /// <summary>The criteria document as submitted (an overlay states only what differs from its base).</summary>
    public string Json { get; private set; } = "{}";
    public string Status { get; private set; } = CriteriaVersionStatus.Draft;
    public bool BuiltIn { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public DateTime? PublishedAt { get; private set; }

    public static CriteriaVersionEntry Draft(string version, string title, string regionPrefix, string? extends, string json, string actor, DateTime now) =>
        new()
        {
            Version = version, Title = title, RegionPrefix = regionPrefix, Extends = extends, Json = json, CreatedBy = actor, CreatedAt = now,
        };

    /// <summary>A version shipped with the product, published from the start.</summary>
    public static CriteriaVersionEntry Shipped(string version, string title, string regionPrefix, string json, DateTime publishedAt) =>
        new()
        {
            Version = version, Title = title, RegionPrefix = regionPrefix, Json = json, Status = CriteriaVersionStatus.Published,
            BuiltIn = true, CreatedBy = "system", CreatedAt = publishedAt, PublishedBy = "system", PublishedAt = publishedAt,
        };

    public void Publish(string actor, DateTime now)
    {
        if (Status != CriteriaVersionStatus.Draft) throw new DomainStateException($"评价标准版本“{Version}”已发布，不能重复发布。");
        Status = CriteriaVersionStatus.Published;
        PublishedBy = actor;
        PublishedAt = now;
    }
}

public static class CriteriaVersionStatus
{
    public const string Draft = "Draft";
    public const string Published = "Published";

    public static string Label(string status) => status == Published ? "已发布" : "草稿";
}
