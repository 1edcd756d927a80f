using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;

namespace Certification.Domain.Tests.Support;

/// <summary>Profiles to vary one fact at a time.</summary>
internal static class TestProfiles
{
    public static readonly DateOnly AsOf = new(2026, 6, 30);

    public static CriteriaSet Miit => CriteriaCatalog.LoadBuiltIn().Default;

    /// <summary>
    /// Passes every tier on its own merits and holds no direct condition: innovative by score (90),
    /// specialized by score (87), little-giant through LG-4G.
    /// </summary>
    public static EnterpriseProfile Strong() => new()
    {
        CreditCode = "91330106MA2B123456",
        Name = "测试精密机械有限公司",
        RegionCode = "330106",
        IsSme = true,
        IndependentLegalPerson = true,
        Compliance = new ComplianceRecord
        {
            AbnormalOperationList = false,
            SeriousDishonestyList = false,
            ProhibitedProducts = false,
            MajorIncidentLast3Years = false,
        },
        Financials =
        [
            Year(2025, revenue: 20000, main: 18000, rd: 700, profit: 2000, assets: 20000, liabilities: 8000),
            Year(2024, revenue: 18000, main: 16000, rd: 600, profit: 1600, assets: 18000, liabilities: 8000),
            Year(2023, revenue: 16000, main: 14000, rd: 500, profit: 1200, assets: 16000, liabilities: 8000),
        ],
        EquityFinancing = new EquityFinancing { Last2Years = 0, Last3Years = 0 },
        NicheMarketYears = 6,
        Employees = 200,
        RdStaff = 40,
        Ip = new IntellectualProperty
        {
            Class1HighValue = 1, Class1SelfDeveloped = 2, Class1 = 3, Class2 = 4, Class1AppliedWithBenefit = 3,
        },
        RdInstitution = RdInstitutionLevel.City,
        DigitalLevel = 3,
        Quality = new QualityRecord
        {
            QualityAwardLast3Years = true, QualitySystemCertified = true, OwnBrand = true, StandardsParticipation = true,
        },
        ProductField = new ProductField
        {
            StrategicEmerging = true, SpecializedField = SpecializedField.KeyChain, LittleGiantKeyField = true,
        },
        Awards = new AwardRanks(),
        Honors = new Honors { HighTechEnterprise = false, NationalTechInnovationDemo = false, IpAdvantageOrDemo = false },
        MakerChina = null,
        LittleGiant = new LittleGiantFacts
        {
            NationalMarketShare = 15, CoreBusinessInfoSystem = true, ManagementOrProductCertification = true,
            KeyChainLink = true,
        },
        RegionalFeatureScore = 10,
        Titles =
        [
            new HeldTitle { Tier = "innovative", ValidUntil = new DateOnly(2027, 12, 31) },
            new HeldTitle { Tier = "specialized", ValidUntil = new DateOnly(2027, 12, 31) },
        ],
    };

    public static FinancialYear Year(int year, decimal revenue, decimal main, decimal rd, decimal profit,
        decimal assets, decimal liabilities) => new()
    {
        Year = year,
        OperatingRevenue = revenue,
        MainBusinessRevenue = main,
        RdExpense = rd,
        NetProfit = profit,
        TotalAssets = assets,
        TotalLiabilities = liabilities,
    };

    /// <summary>The profile with the row of <paramref name="year"/> changed.</summary>
    public static EnterpriseProfile WithYear(this EnterpriseProfile profile, int year, Func<FinancialYear, FinancialYear> change)
        => profile with
        {
            Financials = (profile.Financials ?? []).Select(r => r?.Year == year ? change(r) : r).ToList(),
        };

    public static Evaluation Evaluate(this EnterpriseProfile profile, string tier, CriteriaSet? criteria = null)
        => CriteriaEvaluator.Evaluate(criteria ?? Miit, tier, profile, AsOf);

    public static IndicatorScore Indicator(this Evaluation evaluation, string code)
        => evaluation.Indicators.Single(i => i.Code == code);

    public static ConditionResult Condition(this Evaluation evaluation, string code)
        => evaluation.Conditions.Single(c => c.Code == code);

    public static IEnumerable<string> FailedCodes(this Evaluation evaluation) => evaluation.Failed.Select(f => f.Code);
}
