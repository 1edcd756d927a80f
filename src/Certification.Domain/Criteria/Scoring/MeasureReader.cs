using Certification.Domain.Criteria.Measures;

namespace Certification.Domain.Criteria.Scoring;

internal static class MeasureReader
{
    /// <summary>Reads a measure; absurdly large inputs become missing data rather than an exception.</summary>
    public static MeasureValue Read(Measure measure, ProfileFacts facts, int yearOffset)
    {
        try
        {
            return measure.Read(facts, yearOffset);
        }
        catch (OverflowException)
        {
            return new MissingValue($"{measure.Label}：数值超出可计算范围");
        }
    }
}
