using Certification.Domain.Criteria.Definitions;

namespace Certification.Domain.Criteria;

/// <summary>One loaded, validated criteria version (its <c>extends</c> chain already merged).</summary>
public sealed class CriteriaSet
{
    internal CriteriaSet(CriteriaDefinition definition, string resolvedJson, string sourceName)
    {
        Definition = definition;
        ResolvedJson = resolvedJson;
        SourceName = sourceName;
    }

    public string Version => Definition.Version;

    public CriteriaDefinition Definition { get; }

    public IReadOnlyList<TierDefinition> Tiers => Definition.Tiers;

    /// <summary>
    /// The complete definition as standalone JSON, base versions merged in and <c>extends</c> dropped: what an
    /// evaluation was made under, fit for archiving and for loading back.
    /// </summary>
    public string ResolvedJson { get; }

    /// <summary>The file, resource or text the version was loaded from.</summary>
    public string SourceName { get; }

    public TierDefinition? FindTier(string code) => Tiers.FirstOrDefault(t => t.Code == code);

    /// <exception cref="UnknownTierException"/>
    public TierDefinition GetTier(string code)
        => FindTier(code) ?? throw new UnknownTierException(code, Tiers.Select(t => t.Code).ToList());

    public override string ToString() => Version;
}
