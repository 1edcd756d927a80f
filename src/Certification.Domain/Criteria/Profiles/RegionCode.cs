using Certification.Domain.Regions;

namespace Certification.Domain.Criteria.Profiles;

/// <summary>行政区划代码 (GB/T 2260), checked for shape only: six digits under a known province-level prefix.</summary>
public static class RegionCode
{
    /// <summary>Used for registrations by national authorities; not a province.</summary>
    private const string NationalPrefix = "10";

    public static bool IsValid(string? code)
        => code is { Length: 6 } && code.All(char.IsAsciiDigit) && (code.StartsWith(NationalPrefix, StringComparison.Ordinal) || Provinces.NameOf(code) is not null);
}
