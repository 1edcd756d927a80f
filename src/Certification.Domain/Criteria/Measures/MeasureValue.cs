namespace Certification.Domain.Criteria.Measures;

/// <summary>What a measure reads from a profile: a number, a yes/no, a choice, or why it cannot be read.</summary>
internal abstract record MeasureValue
{
    public static MeasureValue Of(decimal? value, string missing)
        => value is { } v ? new NumberValue(Exact.Whole(v)) : new MissingValue(missing);

    public static MeasureValue Of(int? value, string missing) => Of((decimal?)value, missing);

    public static MeasureValue Of(bool? value, string missing)
        => value is { } v ? new FlagValue(v) : new MissingValue(missing);
}

internal sealed record NumberValue(Exact Value) : MeasureValue;

internal sealed record FlagValue(bool Value) : MeasureValue;

internal sealed record ChoiceValue(string Value) : MeasureValue;

internal sealed record MissingValue(string Reason) : MeasureValue;
