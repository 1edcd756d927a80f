namespace Certification.Domain.Batches;

/// <summary>
/// 申报批次: a window in which enterprises of a region apply for one tier, evaluated under one criteria version.
/// The region is a prefix of administrative codes: "33" a province, "3301" a city, "330106" a county.
/// </summary>
public sealed class Batch
{
    private Batch() { }

    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Tier { get; private set; } = "";
    public string RegionPrefix { get; private set; } = "";
    public DateOnly OpensOn { get; private set; }
    public DateOnly ClosesOn { get; private set; }
    public string CriteriaVersion { get; private set; } = "";
    public int PublicityWorkingDays { get; private set; } = 5;
    public decimal SpotCheckShare { get; private set; }
    /// <summary>Little giant: how many applications the province may recommend to the ministry.</summary>
    public int? RecommendationQuota { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static Batch Create(string id, string name, string tier, string regionPrefix, DateOnly opensOn, DateOnly closesOn,
        string criteriaVersion, int publicityWorkingDays, decimal spotCheckShare, int? recommendationQuota, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw new DomainRuleException("批次名称必填，且不超过 200 个字符", "name");
        if (regionPrefix.Length is not (2 or 4 or 6) || !regionPrefix.All(char.IsAsciiDigit))
            throw new DomainRuleException("批次地区须为 2 位（省）、4 位（市）或 6 位（县）行政区划代码", "regionPrefix");
        if (closesOn < opensOn) throw new DomainRuleException("截止日期不能早于开始日期", "closesOn");
        if (publicityWorkingDays is < 1 or > 30) throw new DomainRuleException("公示期须为 1–30 个工作日", "publicityWorkingDays");
        if (spotCheckShare is < 0 or > 1) throw new DomainRuleException("抽查比例须在 0 到 1 之间", "spotCheckShare");
        if (recommendationQuota is < 0) throw new DomainRuleException("推荐名额不能为负数", "recommendationQuota");
        return new Batch
        {
            Id = id, Name = name.Trim(), Tier = tier, RegionPrefix = regionPrefix, OpensOn = opensOn, ClosesOn = closesOn,
            CriteriaVersion = criteriaVersion, PublicityWorkingDays = publicityWorkingDays, SpotCheckShare = spotCheckShare,
            RecommendationQuota = recommendationQuota, CreatedAt = now,
        };
    }

    /// <summary>
    /// Moves the application window: closes a batch early, extends it, or opens it again. Only first submissions are
    /// governed by the window (checked when they are made), so applications already submitted are not affected.
    /// </summary>
    public void ChangeWindow(DateOnly opensOn, DateOnly closesOn)
    {
        if (closesOn < opensOn) throw new DomainRuleException("截止日期不能早于开始日期", "closesOn");
        OpensOn = opensOn;
        ClosesOn = closesOn;
    }

    public bool IsOpenOn(DateOnly date) => date >= OpensOn && date <= ClosesOn;

    public bool Covers(string regionCode) => regionCode.StartsWith(RegionPrefix, StringComparison.Ordinal);

    /// <summary>Drafts may be prepared before the window opens, but not after it has closed.</summary>
    public void EnsureAcceptsDraftsOn(DateOnly date)
    {
        if (date > ClosesOn)
            throw new DomainStateException(
                $"批次“{Name}”的申报时间为 {OpensOn:yyyy-MM-dd} 至 {ClosesOn:yyyy-MM-dd}，已于 {ClosesOn:yyyy-MM-dd} 截止，不能再创建申请。");
    }

    /// <summary>Refuses a submission outside the window, saying when the window is.</summary>
    public void EnsureOpenOn(DateOnly date)
    {
        if (!IsOpenOn(date))
            throw new DomainStateException(
                $"批次“{Name}”的申报时间为 {OpensOn:yyyy-MM-dd} 至 {ClosesOn:yyyy-MM-dd}，今天（{date:yyyy-MM-dd}）不在申报期内。");
    }
}
