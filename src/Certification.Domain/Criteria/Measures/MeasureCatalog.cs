using System.Diagnostics.CodeAnalysis;

namespace Certification.Domain.Criteria.Measures;

/// <summary>
/// Every measure a criteria file may name. Adding a measure is a code change; using, combining and
/// thresholding measures is data.
/// </summary>
internal static class MeasureCatalog
{
    /// <summary>Measures a province overlay reads from <c>EnterpriseProfile.RegionalData</c>.</summary>
    public const string RegionalDataPrefix = "regionalData.";

    private static readonly Dictionary<string, Measure> Measures =
        FinancialMeasures.All().Concat(EnterpriseMeasures.All()).ToDictionary(m => m.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => Measures.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out Measure? measure)
    {
        if (Measures.TryGetValue(name, out measure))
        {
            return true;
        }
        if (name.StartsWith(RegionalDataPrefix, StringComparison.Ordinal) && name.Length > RegionalDataPrefix.Length)
        {
            measure = Regional(name[RegionalDataPrefix.Length..]);
            return true;
        }
        return false;
    }

    private static Measure Regional(string key) => new()
    {
        Name = RegionalDataPrefix + key,
        Label = key,
        Kind = MeasureKind.Number,
        Read = (facts, _) => facts.Profile.RegionalData is { } data && data.TryGetValue(key, out var value)
            ? MeasureValue.Of(value, $"缺少地方特色化数据“{key}”")
            : new MissingValue($"缺少地方特色化数据“{key}”"),
    };
}
