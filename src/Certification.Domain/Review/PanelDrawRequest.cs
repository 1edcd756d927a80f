namespace Certification.Domain.Review;

/// <summary>What a panel is drawn for. Recorded with the panel so the draw can be re-run and audited.</summary>
public sealed record PanelDrawRequest
{
    public const string LittleGiantTier = "little-giant";

    public required string ApplicationId { get; init; }

    /// <summary>Tier code of the application; sets the default panel size.</summary>
    public required string TierCode { get; init; }

    public required string EnterpriseCreditCode { get; init; }

    public required string EnterpriseRegionCode { get; init; }

    /// <summary>Fields the dossier needs; experts in them are preferred, others fill up.</summary>
    public IReadOnlyList<string> RequiredFields { get; init; } = [];

    /// <summary>Panel size; <c>null</c> means the default for <see cref="TierCode"/>.</summary>
    public int? PanelSize { get; init; }

    /// <summary>Experts already drawn for, or who declined, this application.</summary>
    public IReadOnlyCollection<string> ExcludedExpertIds { get; init; } = [];

    /// <summary>Whether experts from the enterprise's own county may sit (small provinces may need it).</summary>
    public bool AllowSameCounty { get; init; }

    /// <summary>Chosen and recorded by the caller; the same seed and inputs give the same panel.</summary>
    public required long Seed { get; init; }

    public int EffectivePanelSize => PanelSize ?? DefaultPanelSize(TierCode);

    /// <summary>Three experts, five for little giant, whose national ranking carries more weight.</summary>
    public static int DefaultPanelSize(string tierCode) =>
        string.Equals(tierCode, LittleGiantTier, StringComparison.Ordinal) ? 5 : 3;
}
