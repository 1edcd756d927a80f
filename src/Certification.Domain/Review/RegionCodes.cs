namespace Certification.Domain.Review;

/// <summary>
/// Administrative division codes (GB/T 2260): digits 1–2 province, 1–4 city, 1–6 county. Longer
/// statistical codes (township, village) start with the county code, so they are accepted and only
/// their first six digits are compared.
/// </summary>
public static class RegionCodes
{
    public const int CountyLength = 6;

    public static bool IsValid(string? code) =>
        code is { Length: >= CountyLength } && code.All(char.IsAsciiDigit);

    public static bool SameCounty(string a, string b) =>
        IsValid(a) && IsValid(b) && string.CompareOrdinal(a, 0, b, 0, CountyLength) == 0;
}
