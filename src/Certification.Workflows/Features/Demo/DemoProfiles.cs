using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;

namespace Certification.Workflows.Features.Demo;

/// <summary>
/// Enterprise profiles (CRITERIA.md shape) for demo applications: a manufacturing SME with steady growth, scaled in
/// size and varied in IP, digital level and R&amp;D institution so scores spread, with the three financial years before
/// the application. Every profile is checked against the tier it is made for (its prerequisite title assumed held);
/// a variation that would fail falls back to the base profile, so demo applicants are eligible and it is the
/// reviewers and experts who decide.
/// </summary>
public static class DemoProfiles
{
    private const string Base = """
        {
          "isSme": true, "independentLegalPerson": true,
          "compliance": { "abnormalOperationList": false, "seriousDishonestyList": false, "prohibitedProducts": false, "majorIncidentLast3Years": false },
          "financials": [],
          "equityFinancing": { "last2Years": 0, "last3Years": 0 },
          "nicheMarketYears": 6, "employees": 180, "rdStaff": 30,
          "ip": { "class1HighValue": 0, "class1SelfDeveloped": 3, "class1": 3, "class2": 8, "class1AppliedWithBenefit": 2 },
          "rdInstitution": "provincial", "digitalLevel": 2,
          "quality": { "qualityAwardLast3Years": false, "qualitySystemCertified": true, "ownBrand": true, "standardsParticipation": false },
          "productField": { "strategicEmerging": true, "specializedField": "six-foundations", "littleGiantKeyField": true },
          "awards": { "nationalRank": null, "provincialRank": 2 },
          "honors": { "highTechEnterprise": true, "nationalTechInnovationDemo": false, "ipAdvantageOrDemo": false },
          "makerChina": null,
          "littleGiant": { "nationalMarketShare": 12.0, "coreBusinessInfoSystem": true, "managementOrProductCertification": true, "keyChainLink": true },
          "regionalFeatureScore": 10
        }
        """;

    /// <summary>Revenue, main business, R&amp;D, profit, assets, liabilities (万元) of the latest year, then two earlier years.</summary>
    private static readonly decimal[][] Years =
    [
        [15000, 13500, 900, 1200, 20000, 9000],
        [13000, 11800, 700, 1000, 18000, 8500],
        [11000, 10000, 600, 800, 16000, 8000],
    ];

    private static readonly string[] Institutions = ["provincial", "national", "city", "provincial"];

    public static EnterpriseProfile Make(Random random, CriteriaCatalog criteria, string tier, DateOnly asOf)
    {
        var varied = Build(asOf, 0.8m + (decimal)random.Next(0, 320) / 100m, random.Next(4, 13), random.Next(1, 4),
            Institutions[random.Next(Institutions.Length)], random.Next(40, 400), random.Next(3, 11));
        return IsEligible(criteria, tier, varied, asOf) ? varied : Typical(asOf);
    }

    /// <summary>The base profile unvaried (meets the specialized tier), its financial years the three before <paramref name="asOf"/>.</summary>
    public static EnterpriseProfile Typical(DateOnly asOf) => Build(asOf, 1m, 8, 2, "provincial", 180, 6);

    /// <summary>
    /// A year that went badly: revenue down a sixth and R&amp;D cut to 2% of it, below the specialized tier's 3%
    /// (SPE-C2), while the innovative tier is still met — yearly data that downgrades a specialized holder.
    /// </summary>
    public static EnterpriseProfile Declining(DateOnly asOf)
    {
        var typical = Typical(asOf);
        var financials = typical.Financials!.ToList();
        var latest = financials[0]!;
        var revenue = Math.Round(latest.OperatingRevenue!.Value * 5 / 6, 2);
        financials[0] = latest with { OperatingRevenue = revenue, MainBusinessRevenue = Math.Round(revenue * 0.9m, 2), RdExpense = Math.Round(revenue * 0.02m, 2) };
        return typical with { Financials = financials };
    }

    private static EnterpriseProfile Build(DateOnly asOf, decimal scale, int class2, int digitalLevel, string institution, int employees, int nicheYears)
    {
        var json = JsonNode.Parse(Base)!.AsObject();
        var financials = json["financials"]!.AsArray();
        for (var i = 0; i < Years.Length; i++)
        {
            var y = Years[i];
            financials.Add(new JsonObject
            {
                ["year"] = asOf.Year - 1 - i,
                ["operatingRevenue"] = Math.Round(y[0] * scale, 2), ["mainBusinessRevenue"] = Math.Round(y[1] * scale, 2),
                ["rdExpense"] = Math.Round(y[2] * scale, 2), ["netProfit"] = Math.Round(y[3] * scale, 2),
                ["totalAssets"] = Math.Round(y[4] * scale, 2), ["totalLiabilities"] = Math.Round(y[5] * scale, 2),
            });
        }
        json["ip"]!["class2"] = class2;
        json["digitalLevel"] = digitalLevel;
        json["rdInstitution"] = institution;
        json["employees"] = employees;
        json["rdStaff"] = Math.Max(5, employees / 6);
        json["nicheMarketYears"] = nicheYears;
        return json.Deserialize<EnterpriseProfile>(CriteriaJson.Options)!;
    }

    private static bool IsEligible(CriteriaCatalog criteria, string tier, EnterpriseProfile profile, DateOnly asOf)
    {
        var set = criteria.Default;
        var prerequisite = set.FindTier(tier)?.Prerequisite?.Tier;
        var withTitles = prerequisite is null ? profile
            : profile with { Titles = [new HeldTitle { Tier = prerequisite, ValidUntil = asOf.AddYears(2) }] };
        return CriteriaEvaluator.Evaluate(set, tier, withTitles, asOf).Eligible;
    }
}
