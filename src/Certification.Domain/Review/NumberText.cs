using System.Globalization;

namespace Certification.Domain.Review;

/// <summary>Numbers as they appear in Chinese messages: no trailing zeros, no thousands separator.</summary>
internal static class NumberText
{
    public static string Of(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
