using Microsoft.Extensions.Configuration;

namespace Certification.Workflows;

/// <summary>
/// Settings of dynamic management (<c>Dynamic:*</c>): how long before expiry a re-evaluation opens, how many months
/// an enterprise has to report a major change, and how many years a revocation bars reapplication.
/// </summary>
public sealed record DynamicSettings(int ReEvaluationLeadDays = 90, int ChangeReportMonths = 3, int ReapplyBanYears = 3)
{
    public static DynamicSettings From(IConfiguration configuration)
    {
        var settings = new DynamicSettings(
            Read(configuration, "Dynamic:ReEvaluationLeadDays", 90),
            Read(configuration, "Dynamic:ChangeReportMonths", 3),
            Read(configuration, "Dynamic:ReapplyBanYears", 3));
        if (settings.ReEvaluationLeadDays is < 1 or > 730)
            throw new InvalidOperationException($"Dynamic:ReEvaluationLeadDays {settings.ReEvaluationLeadDays} must be 1–730 days.");
        if (settings.ChangeReportMonths is < 1 or > 24)
            throw new InvalidOperationException($"Dynamic:ChangeReportMonths {settings.ChangeReportMonths} must be 1–24 months.");
        if (settings.ReapplyBanYears is < 0 or > 20)
            throw new InvalidOperationException($"Dynamic:ReapplyBanYears {settings.ReapplyBanYears} must be 0–20 years.");
        return settings;
    }

    private static int Read(IConfiguration configuration, string key, int fallback) =>
        configuration[key] is not { Length: > 0 } text ? fallback
        : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidOperationException($"{key} '{text}' is not a whole number.");
}
