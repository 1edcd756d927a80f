namespace Certification.Domain.Criteria;

/// <summary>A criteria file is malformed or inconsistent; names the file and the JSON path.</summary>
public sealed class CriteriaDefinitionException(string sourceName, string path, string detail)
    : Exception($"{sourceName}: {path}: {detail}")
{
    /// <summary>The file, resource or text the definition came from.</summary>
    public string SourceName { get; } = sourceName;

    /// <summary>JSON path inside the (merged) document, e.g. <c>$.tiers[1].score.indicators[3].bands[0]</c>.</summary>
    public string Path { get; } = path;

    public string Detail { get; } = detail;
}

public sealed class UnknownTierException(string tier, IReadOnlyList<string> knownTiers)
    : KeyNotFoundException($"未知的认定层级“{tier}”；可用层级：{string.Join("、", knownTiers)}")
{
    public string Tier { get; } = tier;
    public IReadOnlyList<string> KnownTiers { get; } = knownTiers;
}

public sealed class UnknownCriteriaVersionException(string version, IReadOnlyList<string> knownVersions)
    : KeyNotFoundException($"未知的评价标准版本“{version}”；可用版本：{string.Join("、", knownVersions)}")
{
    public string Version { get; } = version;
    public IReadOnlyList<string> KnownVersions { get; } = knownVersions;
}
