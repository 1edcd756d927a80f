using System.Globalization;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Definitions;

namespace Certification.Api.Web;

/// <summary>
/// What would raise an indicator's score, read from the criteria version's own bands (so a province's overlay gives
/// its own advice): the next band above the current score, e.g. "研发费用占比达到 5% 以上可得 20 分".
/// </summary>
public static class Improvement
{
    public static string? Of(CriteriaSet criteria, string tier, IndicatorScore score)
    {
        if (score.Score >= score.Max) return null;
        var definition = criteria.FindTier(tier)?.Score?.Indicators.FirstOrDefault(i => i.Code == score.Code);
        if (definition is null) return null;
        if (definition.Bands is { } bands)
            return Next(bands, score.Score, definition.Measure, definition.Label ?? definition.Name);
        if (definition.HighestOf is { } sources)
            return sources.Select(s => Next(s.Bands, score.Score, s.Measure, s.Label ?? MeasureName(s.Measure))).FirstOrDefault(t => t is not null);
        if (definition.Items is not null && definition.PointsPerItem is { } each)
            return $"每满足一项加 {Points(each)} 分（最高 {Points(definition.Max)} 分）";
        if (definition.Step is { } step)
            return $"每满 {Points(step.Every)} 加 {Points(step.Points)} 分（最高 {Points(definition.Max)} 分）";
        return null;
    }

    /// <summary>The scoring rule of an indicator, one line per band ("≥ 5% → 20 分"), for the experts' score sheet.</summary>
    public static IReadOnlyList<string> Rubric(CriteriaSet criteria, string tier, string code)
    {
        var definition = criteria.FindTier(tier)?.Score?.Indicators.FirstOrDefault(i => i.Code == code);
        if (definition is null) return [];
        if (definition.Bands is { } bands) return bands.Select(b => Band(b, definition.Measure)).ToList();
        if (definition.HighestOf is { } sources)
            return sources.SelectMany(s => s.Bands.Where(b => b.Points > 0).Select(b => $"{s.Label ?? MeasureName(s.Measure)}：{Band(b, s.Measure)}")).Append("取其中最高一档").ToList();
        if (definition.Items is { } items && definition.PointsPerItem is { } each)
            return [.. items.Select(i => $"{i.Name ?? i.Label ?? MeasureName(i.Measure)}：{Points(each)} 分"), $"最高 {Points(definition.Max)} 分"];
        if (definition.Step is { } step) return [$"每满 {Points(step.Every)} 得 {Points(step.Points)} 分，最高 {Points(definition.Max)} 分"];
        return definition.ValueAsScore == true ? [$"按填报值计分，0–{Points(definition.Max)} 分"] : [];
    }

    private static string Band(BandDefinition band, string? measure)
    {
        var range = band switch
        {
            { From: { } from, To: { } to } => $"{Value(from, measure)} ≤ 值 {(band.ToInclusive == true ? "≤" : "<")} {Value(to, measure)}",
            { From: { } from } => $"≥ {Value(from, measure)}",
            { To: { } to } => $"{(band.ToInclusive == true ? "≤" : "<")} {Value(to, measure)}",
            { Is: { } value } => $"为“{Scalar(value)}”",
            { In: { Count: > 0 } values } => $"为 {string.Join("、", values.Select(Scalar))}",
            _ => "其他",
        };
        return $"{range} → {Points(band.Points)} 分";
    }

    private static string? Next(IReadOnlyList<BandDefinition> bands, decimal current, string? measure, string label)
    {
        var next = bands.Where(b => b.Points > current).OrderBy(b => b.Points).FirstOrDefault();
        if (next is null) return null;
        var condition = next switch
        {
            { From: { } from } => $"达到 {Value(from, measure)} 以上",
            { Is: { } value } => $"为“{Scalar(value)}”",
            { In: { Count: > 0 } values } => $"为 {string.Join("、", values.Select(Scalar))}",
            _ => null,
        };
        return condition is null ? null : $"{label}{condition}可得 {Points(next.Points)} 分";
    }

    private static bool IsRatio(string? measure) =>
        measure is not null && new[] { "Intensity", "Share", "Growth", "Ratio", "Margin" }.Any(m => measure.Contains(m, StringComparison.Ordinal));

    private static string Value(decimal value, string? measure) =>
        IsRatio(measure) ? (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Scalar(Scalar value) =>
        value.Flag is { } flag ? (flag ? "是" : "否") : value.Number is { } number ? Points(number) : Choices.GetValueOrDefault(value.Text ?? "", value.Text ?? "");

    /// <summary>The measures the criteria name without a label of their own, as the profile form calls them.</summary>
    private static string MeasureName(string? measure) => measure switch
    {
        "ip.class1HighValue" => "高价值Ⅰ类知识产权",
        "ip.class1SelfDeveloped" => "自主研发Ⅰ类知识产权",
        "ip.class1" => "Ⅰ类知识产权",
        "ip.class2" => "Ⅱ类知识产权",
        "rdExpense" => "研发费用（万元）",
        "rdIntensity" => "研发费用占营业收入比重",
        "quality.qualityAwardLast3Years" => "近三年获省级以上质量奖",
        "quality.qualitySystemCertified" => "通过质量管理体系认证",
        "quality.ownBrand" => "拥有自主品牌",
        "quality.standardsParticipation" => "参与制修订标准",
        _ => measure ?? "",
    };

    /// <summary>The profile's choice values as the profile form names them.</summary>
    private static readonly Dictionary<string, string> Choices = new()
    {
        ["key-chain"] = "重点产业链补短板/锻长板/填空白", ["six-foundations"] = "工业“六基”、中华老字号或链主配套", ["other"] = "其他",
        ["national"] = "国家级", ["provincial"] = "省级", ["city"] = "市级", ["below-city"] = "市级以下", ["none"] = "无",
        ["top50"] = "“创客中国”全国50强", ["top500"] = "“创客中国”全国500强",
    };

    private static string Points(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
