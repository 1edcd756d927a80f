namespace Certification.Domain.Titles;

/// <summary>A certified title (称号) with its certificate number and validity (3 years from announcement by default).</summary>
public sealed class Title
{
    private Title() { }

    public string Id { get; private set; } = "";
    public string EnterpriseId { get; private set; } = "";
    public string? ApplicationId { get; private set; }
    public string Tier { get; private set; } = "";
    public string CertificateNumber { get; private set; } = "";
    public string CriteriaVersion { get; private set; } = "";
    public DateOnly IssuedOn { get; private set; }
    public DateOnly ValidUntil { get; private set; }
    public string Status { get; private set; } = TitleStatus.Valid;
    public string? StatusReason { get; private set; }
    /// <summary>The day (Beijing time) the title was revoked; null unless revoked (and for revocations recorded before the date was kept).</summary>
    public DateOnly? RevokedOn { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static Title Issue(string id, string enterpriseId, string? applicationId, string tier, string certificateNumber,
        string criteriaVersion, DateOnly issuedOn, int validityYears, DateTime now)
    {
        if (validityYears is < 1 or > 10) throw new DomainRuleException("有效期须为 1–10 年", "validityYears");
        return new Title
        {
            Id = id, EnterpriseId = enterpriseId, ApplicationId = applicationId, Tier = tier,
            CertificateNumber = certificateNumber, CriteriaVersion = criteriaVersion, IssuedOn = issuedOn,
            // Valid for N years: the last valid day is the day before the anniversary.
            ValidUntil = issuedOn.AddYears(validityYears).AddDays(-1), CreatedAt = now,
        };
    }

    public bool IsValidOn(DateOnly date) => Status == TitleStatus.Valid && date <= ValidUntil;

    public void Revoke(string reason, DateOnly on)
    {
        Status = TitleStatus.Revoked;
        StatusReason = reason;
        RevokedOn = on;
    }

    /// <summary>Not renewed at re-evaluation: the title stays valid to its end date and then lapses (no ban, unlike a revocation).</summary>
    public void MarkNotRenewed(string reason)
    {
        if (Status == TitleStatus.Valid) StatusReason = reason;
    }

    public void Supersede(string reason)
    {
        Status = TitleStatus.Superseded;
        StatusReason = reason;
    }
}

public static class TitleStatus
{
    public const string Valid = "Valid";
    public const string Revoked = "Revoked";
    /// <summary>Replaced by a renewal or a downgrade.</summary>
    public const string Superseded = "Superseded";
}
