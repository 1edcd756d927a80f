namespace Certification.Domain.Dynamic;

/// <summary>
/// A title holder's yearly data (年度数据更新): the profile as submitted, judged against the criteria in force. A
/// holder whose data would no longer meet the tier of a title it holds is put on the officers' watch list before the
/// title comes up for re-evaluation.
/// </summary>
public sealed class AnnualUpdate : IEnterpriseRecord
{
    private AnnualUpdate() { }

    public string Id { get; private set; } = "";
    public string EnterpriseId { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public int Year { get; private set; }
    public string ProfileJson { get; private set; } = "{}";
    public string CriteriaVersion { get; private set; } = "";
    /// <summary>Per held tier: eligible or not with the failed reasons (JSON array).</summary>
    public string ResultsJson { get; private set; } = "[]";
    /// <summary>True when some held title's tier is no longer met: the holder is on the watch list.</summary>
    public bool Flagged { get; private set; }
    /// <summary>The enterprise's latest update (a later one supersedes it): only the latest decides the watch list.</summary>
    public bool Current { get; private set; } = true;
    public string SubmittedBy { get; private set; } = "";
    public DateTime SubmittedAt { get; private set; }

    public static AnnualUpdate Record(string id, string enterpriseId, string regionCode, int year, string profileJson, string criteriaVersion,
        string resultsJson, bool flagged, string actor, DateTime now) =>
        new()
        {
            Id = id, EnterpriseId = enterpriseId, RegionCode = regionCode, Year = year, ProfileJson = profileJson,
            CriteriaVersion = criteriaVersion, ResultsJson = resultsJson, Flagged = flagged, SubmittedBy = actor, SubmittedAt = now,
        };

    public void Supersede() => Current = false;
}
