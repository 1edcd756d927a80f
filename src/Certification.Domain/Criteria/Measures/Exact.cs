namespace Certification.Domain.Criteria.Measures;

/// <summary>
/// A number kept as a fraction with a positive denominator, so that a ratio or a mean of ratios is compared
/// with a threshold without any rounding (boundaries are hit often in real data).
/// </summary>
internal readonly struct Exact
{
    private Exact(decimal numerator, decimal denominator)
    {
        // A product of tiny denominators underflows to zero silently; treat it like any out-of-range value.
        if (denominator == 0m)
        {
            throw new OverflowException("分母超出可计算范围");
        }
        Numerator = numerator;
        Denominator = denominator;
    }

    public decimal Numerator { get; }
    public decimal Denominator { get; }

    /// <summary>For display and step arithmetic only, never for comparisons.</summary>
    public decimal Approximate => Numerator / Denominator;

    public static Exact Whole(decimal value) => new(value, 1m);

    /// <summary>Null when the denominator is zero: the caller reports that as missing data.</summary>
    public static Exact? Ratio(decimal numerator, decimal denominator)
        => denominator == 0m ? null
            : denominator < 0m ? new Exact(-numerator, -denominator)
            : new Exact(numerator, denominator);

    public static Exact operator +(Exact a, Exact b)
        => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Exact operator -(Exact a, Exact b)
        => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <summary>Null when <paramref name="b"/> is zero.</summary>
    public static Exact? Divide(Exact a, Exact b) => Ratio(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public Exact Half() => new(Numerator, Denominator * 2m);

    public int CompareTo(decimal threshold) => Numerator.CompareTo(threshold * Denominator);
}
