using Certification.Domain.Criteria.Profiles;

namespace Certification.Domain.Criteria.Measures;

/// <summary>A profile indexed for reading: financial rows by year, the latest year being 上年度.</summary>
internal sealed class ProfileFacts
{
    private readonly Dictionary<int, FinancialYear> rowsByYear = [];

    public ProfileFacts(EnterpriseProfile profile)
    {
        Profile = profile;
        foreach (var row in profile.Financials ?? [])
        {
            // A row without a year cannot be placed; a duplicated year keeps its first row (the validator reports it).
            if (row?.Year is { } year)
            {
                rowsByYear.TryAdd(year, row);
            }
        }
        LatestYear = rowsByYear.Count == 0 ? null : rowsByYear.Keys.Max();
    }

    public EnterpriseProfile Profile { get; }

    public int? LatestYear { get; }

    /// <summary>"上年度（2025年）", "2024年度", or "上年度" when no year is known.</summary>
    public string YearName(int yearOffset) => (LatestYear, yearOffset) switch
    {
        (null, 0) => "上年度",
        (null, _) => $"上年度之前第{yearOffset}年",
        ({ } latest, 0) => $"上年度（{latest}年）",
        ({ } latest, _) => $"{latest - yearOffset}年度",
    };

    public MeasureValue Amount(int yearOffset, string label, Func<FinancialYear, decimal?> field)
    {
        if (LatestYear is not { } latest)
        {
            return new MissingValue($"缺少{YearName(yearOffset)}{label}数据");
        }
        if (!rowsByYear.TryGetValue(latest - yearOffset, out var row))
        {
            return new MissingValue($"缺少{YearName(yearOffset)}财务数据");
        }
        return MeasureValue.Of(field(row), $"缺少{YearName(yearOffset)}{label}数据");
    }

    /// <summary>numerator / denominator, or missing data when either is missing or the denominator is zero.</summary>
    public static MeasureValue Ratio(MeasureValue numerator, MeasureValue denominator, string zeroReason)
        => (numerator, denominator) switch
        {
            (MissingValue missing, _) => missing,
            (_, MissingValue missing) => missing,
            (NumberValue n, NumberValue d) => Exact.Divide(n.Value, d.Value) is { } ratio
                ? new NumberValue(ratio)
                : new MissingValue(zeroReason),
            _ => new MissingValue(zeroReason),
        };
}
