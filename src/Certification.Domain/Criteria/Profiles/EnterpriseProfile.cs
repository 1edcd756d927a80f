namespace Certification.Domain.Criteria.Profiles;

/// <summary>
/// What an enterprise declares (and the authority verifies) for an evaluation. Every member is optional:
/// an incomplete dossier must still be representable and evaluable.
/// </summary>
public sealed record EnterpriseProfile
{
    public string? CreditCode { get; init; }
    public string? Name { get; init; }
    public string? RegionCode { get; init; }
    public bool? IsSme { get; init; }
    public bool? IndependentLegalPerson { get; init; }
    public ComplianceRecord? Compliance { get; init; }
    public IReadOnlyList<FinancialYear?>? Financials { get; init; }
    public EquityFinancing? EquityFinancing { get; init; }
    public decimal? NicheMarketYears { get; init; }
    public int? Employees { get; init; }
    public int? RdStaff { get; init; }
    public IntellectualProperty? Ip { get; init; }
    public RdInstitutionLevel? RdInstitution { get; init; }
    public int? DigitalLevel { get; init; }
    public QualityRecord? Quality { get; init; }
    public ProductField? ProductField { get; init; }
    public AwardRanks? Awards { get; init; }
    public Honors? Honors { get; init; }
    public MakerChinaRank? MakerChina { get; init; }
    public LittleGiantFacts? LittleGiant { get; init; }
    public decimal? RegionalFeatureScore { get; init; }
    public IReadOnlyList<HeldTitle?>? Titles { get; init; }

    /// <summary>
    /// Facts a province's 特色化 overlay asks for that the national profile does not carry, by the name the
    /// overlay's criteria file reads them with (measure <c>regionalData.&lt;name&gt;</c>).
    /// </summary>
    public IReadOnlyDictionary<string, decimal?>? RegionalData { get; init; }
}

/// <summary>One year of financial statements; amounts in 万元.</summary>
public sealed record FinancialYear
{
    public int? Year { get; init; }
    public decimal? OperatingRevenue { get; init; }
    public decimal? MainBusinessRevenue { get; init; }
    public decimal? RdExpense { get; init; }
    public decimal? NetProfit { get; init; }
    public decimal? TotalAssets { get; init; }
    public decimal? TotalLiabilities { get; init; }
}

public sealed record ComplianceRecord
{
    public bool? AbnormalOperationList { get; init; }
    public bool? SeriousDishonestyList { get; init; }
    public bool? ProhibitedProducts { get; init; }
    public bool? MajorIncidentLast3Years { get; init; }
}

/// <summary>New equity financing from qualified institutional investors (paid-in), in 万元.</summary>
public sealed record EquityFinancing
{
    public decimal? Last2Years { get; init; }
    public decimal? Last3Years { get; init; }
}

/// <summary>Valid intellectual property related to the main product, by class (counts).</summary>
public sealed record IntellectualProperty
{
    public int? Class1HighValue { get; init; }
    public int? Class1SelfDeveloped { get; init; }
    public int? Class1 { get; init; }
    public int? Class2 { get; init; }
    public int? Class1AppliedWithBenefit { get; init; }
}

public sealed record QualityRecord
{
    public bool? QualityAwardLast3Years { get; init; }
    public bool? QualitySystemCertified { get; init; }
    public bool? OwnBrand { get; init; }
    public bool? StandardsParticipation { get; init; }
}

public sealed record ProductField
{
    public bool? StrategicEmerging { get; init; }
    public SpecializedField? SpecializedField { get; init; }
    public bool? LittleGiantKeyField { get; init; }
}

/// <summary>Rank among awardee units of the best S&amp;T award of that level in the last 3 years; null if none.</summary>
public sealed record AwardRanks
{
    public int? NationalRank { get; init; }
    public int? ProvincialRank { get; init; }
}

public sealed record Honors
{
    public bool? HighTechEnterprise { get; init; }
    public bool? NationalTechInnovationDemo { get; init; }
    public bool? IpAdvantageOrDemo { get; init; }
}

public sealed record LittleGiantFacts
{
    /// <summary>In percent: 12.0 means 12%.</summary>
    public decimal? NationalMarketShare { get; init; }
    public bool? CoreBusinessInfoSystem { get; init; }
    public bool? ManagementOrProductCertification { get; init; }
    public bool? KeyChainLink { get; init; }
}

/// <summary>A title the enterprise holds; the tier is a criteria tier code.</summary>
public sealed record HeldTitle
{
    public string? Tier { get; init; }
    public DateOnly? ValidUntil { get; init; }
}
