using Certification.Domain.Criteria.Profiles;

namespace Certification.Domain.Criteria.Measures;

/// <summary>Measures read from the yearly financial statements.</summary>
internal static class FinancialMeasures
{
    private const string Revenue = "营业收入";
    private const string MainRevenue = "主营业务收入";
    private const string Rd = "研发费用";

    public static IEnumerable<Measure> All() =>
    [
        YearAmount("operatingRevenue", Revenue, r => r.OperatingRevenue),
        YearAmount("mainBusinessRevenue", MainRevenue, r => r.MainBusinessRevenue),
        YearAmount("rdExpense", Rd, r => r.RdExpense),
        YearAmount("netProfit", "净利润", r => r.NetProfit),
        YearAmount("totalAssets", "资产总额", r => r.TotalAssets),
        YearAmount("totalLiabilities", "负债总额", r => r.TotalLiabilities),
        YearRatio("rdIntensity", "研发费用占营业收入比重", (f, y) => ProfileFacts.Ratio(
            f.Amount(y, Rd, r => r.RdExpense), f.Amount(y, Revenue, r => r.OperatingRevenue),
            $"{f.YearName(y)}营业收入为0，无法计算研发费用占比")),
        YearRatio("debtRatio", "资产负债率", (f, y) => ProfileFacts.Ratio(
            f.Amount(y, "负债总额", r => r.TotalLiabilities), f.Amount(y, "资产总额", r => r.TotalAssets),
            $"{f.YearName(y)}资产总额为0，无法计算资产负债率")),
        YearRatio("netMargin", "净利润率", (f, y) => ProfileFacts.Ratio(
            f.Amount(y, "净利润", r => r.NetProfit), f.Amount(y, Revenue, r => r.OperatingRevenue),
            $"{f.YearName(y)}营业收入为0，无法计算净利润率")),
        YearRatio("mainBusinessShare", "主营业务收入占比", (f, y) => ProfileFacts.Ratio(
            f.Amount(y, MainRevenue, r => r.MainBusinessRevenue), f.Amount(y, Revenue, r => r.OperatingRevenue),
            $"{f.YearName(y)}营业收入为0，无法计算主营业务收入占比")),
        YearRatio("mainBusinessGrowth", "主营业务收入增长率", Growth),
        new Measure
        {
            Name = "mainBusinessGrowthMean2Years",
            Label = "近2年主营业务收入平均增长率",
            Kind = MeasureKind.Ratio,
            Read = (f, _) => Combine(Growth(f, 0), Growth(f, 1), (a, b) => (a + b).Half()),
        },
        new Measure
        {
            Name = "rdExpenseMean2Years",
            Label = "近2年研发费用均值",
            Kind = MeasureKind.Amount,
            Read = (f, _) => Combine(f.Amount(0, Rd, r => r.RdExpense), f.Amount(1, Rd, r => r.RdExpense),
                (a, b) => (a + b).Half()),
        },
        new Measure
        {
            Name = "rdExpenseTotal2Years",
            Label = "近2年研发费用总额",
            Kind = MeasureKind.Amount,
            Read = (f, _) => Combine(f.Amount(0, Rd, r => r.RdExpense), f.Amount(1, Rd, r => r.RdExpense),
                (a, b) => a + b),
        },
    ];

    /// <summary>Growth of year t = (main_t − main_{t−1}) / main_{t−1}.</summary>
    private static MeasureValue Growth(ProfileFacts facts, int yearOffset)
    {
        var current = facts.Amount(yearOffset, MainRevenue, r => r.MainBusinessRevenue);
        var previous = facts.Amount(yearOffset + 1, MainRevenue, r => r.MainBusinessRevenue);
        return ProfileFacts.Ratio(Combine(current, previous, (c, p) => c - p), previous,
            $"{facts.YearName(yearOffset + 1)}主营业务收入为0，无法计算增长率");
    }

    private static MeasureValue Combine(MeasureValue a, MeasureValue b, Func<Exact, Exact, Exact> combine)
        => (a, b) switch
        {
            (MissingValue missing, _) => missing,
            (_, MissingValue missing) => missing,
            (NumberValue x, NumberValue y) => new NumberValue(combine(x.Value, y.Value)),
            _ => new MissingValue("数据类型不符"),
        };

    private static Measure YearAmount(string name, string label, Func<FinancialYear, decimal?> field) => new()
    {
        Name = name,
        Label = label,
        Kind = MeasureKind.Amount,
        Yearly = true,
        Read = (facts, yearOffset) => facts.Amount(yearOffset, label, field),
    };

    private static Measure YearRatio(string name, string label, Func<ProfileFacts, int, MeasureValue> read) => new()
    {
        Name = name,
        Label = label,
        Kind = MeasureKind.Ratio,
        Yearly = true,
        Read = read,
    };
}
