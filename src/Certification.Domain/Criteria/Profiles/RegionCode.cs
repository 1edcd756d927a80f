namespace Certification.Domain.Criteria.Profiles;

/// <summary>行政区划代码 (GB/T 2260), checked for shape only: six digits under a known province-level prefix.</summary>
public static class RegionCode
{
    // Province-level prefixes of GB/T 2260, plus 10 used for registrations by national authorities.
    private static readonly HashSet<string> Provinces =
    [
        "10", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82",
    ];

    public static bool IsValid(string? code)
        => code is { Length: 6 } && code.All(char.IsAsciiDigit) && Provinces.Contains(code[..2]);
}
