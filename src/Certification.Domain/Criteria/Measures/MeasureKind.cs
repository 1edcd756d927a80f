namespace Certification.Domain.Criteria.Measures;

internal enum MeasureKind
{
    /// <summary>A fraction computed from amounts (0.05 = 5%); thresholds are written as fractions too.</summary>
    Ratio,
    /// <summary>A number already in percent (12.0 = 12%).</summary>
    Percent,
    /// <summary>万元.</summary>
    Amount,
    Count,
    Level,
    Rank,
    Score,
    Number,
    Flag,
    Choice,
}
