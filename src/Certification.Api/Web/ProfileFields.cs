using Certification.Domain.Criteria.Profiles;

namespace Certification.Api.Web;

/// <summary>
/// What the profile's form fields (<c>Pages/Enterprise/_ProfileFields</c>) show: the profile, its financial rows, and
/// the enterprise's identity (always taken from the register, never from the form).
/// </summary>
public sealed record ProfileFields(EnterpriseProfile Profile, IReadOnlyList<FinancialYear> Years, string CreditCode, string Name, string RegionCode)
{
    /// <summary>
    /// The rows to show: one for <paramref name="mustHave"/> if given and missing (the year being filed), the stored
    /// ones newest first, then earlier years until there are three.
    /// </summary>
    public static IReadOnlyList<FinancialYear> RowsOf(EnterpriseProfile profile, int lastYear, int? mustHave = null)
    {
        var years = (profile.Financials ?? []).OfType<FinancialYear>().OrderByDescending(f => f.Year ?? 0).ToList();
        if (mustHave is { } year && !years.Any(f => f.Year == year)) years.Insert(0, new FinancialYear { Year = year });
        var latest = years.FirstOrDefault()?.Year ?? lastYear;
        while (years.Count < 3) years.Add(new FinancialYear { Year = (years.LastOrDefault()?.Year ?? latest + 1) - 1 });
        return years;
    }

    /// <summary>The posted profile without the financial rows left entirely empty (they are not data).</summary>
    public static EnterpriseProfile WithoutEmptyRows(EnterpriseProfile posted) => posted with
    {
        Financials = (posted.Financials ?? []).Where(f => f is not null && (f.Year, f.OperatingRevenue, f.MainBusinessRevenue, f.RdExpense, f.NetProfit,
            f.TotalAssets, f.TotalLiabilities) != (null, null, null, null, null, null, null)).ToList(),
    };
}
