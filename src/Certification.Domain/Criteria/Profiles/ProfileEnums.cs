using System.Text.Json.Serialization;

namespace Certification.Domain.Criteria.Profiles;

public enum RdInstitutionLevel
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("below-city")] BelowCity,
    [JsonStringEnumMemberName("city")] City,
    [JsonStringEnumMemberName("provincial")] Provincial,
    [JsonStringEnumMemberName("national")] National,
}

public enum SpecializedField
{
    [JsonStringEnumMemberName("key-chain")] KeyChain,
    [JsonStringEnumMemberName("six-foundations")] SixFoundations,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>Best result in the 创客中国 national competition in the last 3 years; top50 also counts as top500.</summary>
public enum MakerChinaRank
{
    [JsonStringEnumMemberName("top500")] Top500,
    [JsonStringEnumMemberName("top50")] Top50,
}
