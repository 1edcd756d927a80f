using System.Globalization;

namespace Certification.Domain.Criteria.Measures;

/// <summary>A named quantity the criteria files may read, with how it is read from a profile and shown in reasons.</summary>
internal sealed record Measure
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    public required MeasureKind Kind { get; init; }
    /// <summary>Reads the value; the int is the year offset (0 = last year) and is ignored by non-yearly measures.</summary>
    public required Func<ProfileFacts, int, MeasureValue> Read { get; init; }
    public bool Yearly { get; init; }
    /// <summary>Unit shown after counts (项, 人, 年).</summary>
    public string Unit { get; init; } = "";
    public string YesText { get; init; } = "是";
    public string NoText { get; init; } = "否";
    /// <summary>Allowed choice values (as written in JSON) and how each is shown.</summary>
    public IReadOnlyDictionary<string, string> Choices { get; init; } = new Dictionary<string, string>();

    public bool IsNumeric => Kind is not (MeasureKind.Flag or MeasureKind.Choice);

    public string LabelFor(ProfileFacts facts, int yearOffset, string? overrideLabel)
    {
        var label = overrideLabel ?? Label;
        return Yearly && yearOffset > 0 && facts.LatestYear is { } latest ? $"{latest - yearOffset}年{label}" : label;
    }

    public string Format(MeasureValue value) => value switch
    {
        NumberValue n => FormatNumber(n.Value.Approximate),
        FlagValue f => f.Value ? YesText : NoText,
        ChoiceValue c => Choices.TryGetValue(c.Value, out var shown) ? shown : c.Value,
        MissingValue m => m.Reason,
        _ => "",
    };

    public string FormatNumber(decimal value) => Kind switch
    {
        MeasureKind.Ratio => Fixed2(value * 100m) + "%",
        MeasureKind.Percent => Fixed2(value) + "%",
        MeasureKind.Amount => Fixed2(value) + "万元",
        MeasureKind.Count => Trim(value) + Unit,
        MeasureKind.Level => Trim(value) + "级",
        MeasureKind.Rank => $"第{Trim(value)}名",
        MeasureKind.Score => Trim(value) + "分",
        _ => Trim(Math.Round(value, 2, MidpointRounding.AwayFromZero)),
    };

    /// <summary>A threshold as written in the rules: 5% rather than 5.00%.</summary>
    public string FormatThreshold(decimal threshold, bool withUnit = true) => Kind switch
    {
        MeasureKind.Ratio => Trim(threshold * 100m) + (withUnit ? "%" : ""),
        MeasureKind.Percent => Trim(threshold) + (withUnit ? "%" : ""),
        MeasureKind.Amount => Trim(threshold) + (withUnit ? "万元" : ""),
        MeasureKind.Count => Trim(threshold) + (withUnit ? Unit : ""),
        MeasureKind.Level => Trim(threshold) + (withUnit ? "级" : ""),
        MeasureKind.Rank => Trim(threshold) + (withUnit ? "名" : ""),
        MeasureKind.Score => Trim(threshold) + (withUnit ? "分" : ""),
        _ => Trim(threshold),
    };

    public string FormatChoice(string value) => Choices.TryGetValue(value, out var shown) ? shown : value;

    private static string Fixed2(decimal value)
        => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Trim(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
