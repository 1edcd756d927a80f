using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

/// <summary>Evaluation never throws for profile content, however odd.</summary>
public class RobustnessTests
{
    private static readonly decimal?[] Amounts =
        [null, 0m, -1m, 0.01m, 1m, 999.99m, 1000m, 5000m, 10000m, 123456.789m, 1e-20m, 1e20m, decimal.MaxValue, decimal.MinValue];

    private static readonly int?[] Counts = [null, 0, -1, 1, 2, 3, 5, 10, 1000, int.MaxValue, int.MinValue];

    private static readonly bool?[] Flags = [null, true, false];

    [Fact]
    public void Thousands_of_random_profiles_evaluate_without_throwing()
    {
        var random = new Random(2022);
        var criteria = CriteriaCatalog.LoadBuiltIn().Default;
        for (var i = 0; i < 3000; i++)
        {
            var profile = RandomProfile(random);
            foreach (var tier in criteria.Tiers)
            {
                var evaluation = CriteriaEvaluator.Evaluate(criteria, tier.Code, profile, TestProfiles.AsOf);

                evaluation.Failed.All(f => f.Reason.Length > 0).Should().BeTrue();
                evaluation.Indicators.All(x => x.Score >= 0 && x.Score <= x.Max).Should().BeTrue();
                (evaluation.Eligible == (evaluation.Route is not null)).Should().BeTrue();
            }
            var validate = () => ProfileValidator.Validate(profile, ProfileChecks.All);
            validate.Should().NotThrow();
        }
    }

    private static EnterpriseProfile RandomProfile(Random random)
    {
        T Pick<T>(T[] values) => values[random.Next(values.Length)];
        T? Maybe<T>(Func<T> make) where T : class => random.Next(4) == 0 ? null : make();

        return new EnterpriseProfile
        {
            CreditCode = Pick(new string?[] { null, "", "91350100M000100Y43", "???", "91330106MA2B075954" }),
            RegionCode = Pick(new string?[] { null, "330106", "x" }),
            IsSme = Pick(Flags),
            IndependentLegalPerson = Pick(Flags),
            Compliance = Maybe(() => new ComplianceRecord
            {
                AbnormalOperationList = Pick(Flags), SeriousDishonestyList = Pick(Flags),
                ProhibitedProducts = Pick(Flags), MajorIncidentLast3Years = Pick(Flags),
            }),
            Financials = Maybe(() => Enumerable.Range(0, random.Next(5)).Select(k => random.Next(6) == 0 ? null : new FinancialYear
            {
                Year = Pick(new int?[] { null, 2025 - k, 2025, 1900, int.MaxValue, int.MinValue }),
                OperatingRevenue = Pick(Amounts), MainBusinessRevenue = Pick(Amounts), RdExpense = Pick(Amounts),
                NetProfit = Pick(Amounts), TotalAssets = Pick(Amounts), TotalLiabilities = Pick(Amounts),
            }).ToList()),
            EquityFinancing = Maybe(() => new EquityFinancing { Last2Years = Pick(Amounts), Last3Years = Pick(Amounts) }),
            NicheMarketYears = Pick(Amounts),
            Employees = Pick(Counts),
            RdStaff = Pick(Counts),
            Ip = Maybe(() => new IntellectualProperty
            {
                Class1HighValue = Pick(Counts), Class1SelfDeveloped = Pick(Counts), Class1 = Pick(Counts),
                Class2 = Pick(Counts), Class1AppliedWithBenefit = Pick(Counts),
            }),
            RdInstitution = Pick(new RdInstitutionLevel?[] { null, RdInstitutionLevel.None, RdInstitutionLevel.National, (RdInstitutionLevel)77 }),
            DigitalLevel = Pick(Counts),
            Quality = Maybe(() => new QualityRecord
            {
                QualityAwardLast3Years = Pick(Flags), QualitySystemCertified = Pick(Flags), OwnBrand = Pick(Flags),
                StandardsParticipation = Pick(Flags),
            }),
            ProductField = Maybe(() => new ProductField
            {
                StrategicEmerging = Pick(Flags), LittleGiantKeyField = Pick(Flags),
                SpecializedField = Pick(new SpecializedField?[] { null, SpecializedField.KeyChain, (SpecializedField)9 }),
            }),
            Awards = Maybe(() => new AwardRanks { NationalRank = Pick(Counts), ProvincialRank = Pick(Counts) }),
            Honors = Maybe(() => new Honors { HighTechEnterprise = Pick(Flags) }),
            MakerChina = Pick(new MakerChinaRank?[] { null, MakerChinaRank.Top50, (MakerChinaRank)5 }),
            LittleGiant = Maybe(() => new LittleGiantFacts
            {
                NationalMarketShare = Pick(Amounts), CoreBusinessInfoSystem = Pick(Flags), KeyChainLink = Pick(Flags),
            }),
            RegionalFeatureScore = Pick(Amounts),
            Titles = Maybe(() => new List<HeldTitle?>
            {
                null,
                new() { Tier = Pick(new string?[] { null, "innovative", "specialized", "INNOVATIVE" }), ValidUntil = Pick(new DateOnly?[] { null, DateOnly.MinValue, DateOnly.MaxValue, TestProfiles.AsOf }) },
            }),
            RegionalData = Maybe(() => new Dictionary<string, decimal?> { ["x"] = Pick(Amounts) }),
        };
    }
}
