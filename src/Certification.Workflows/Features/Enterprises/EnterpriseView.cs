using Certification.Domain.Enterprises;
using Certification.Domain.Titles;

namespace Certification.Workflows.Features.Enterprises;

/// <summary>An enterprise as the API shows it (the working profile has its own endpoint).</summary>
public sealed record EnterpriseView(
    string Id,
    string CreditCode,
    string Name,
    string RegionCode,
    string? ContactName,
    string? ContactPhone,
    string? ContactEmail,
    DateOnly? ReapplyBannedUntil,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Revision)
{
    public static EnterpriseView From(Enterprise e) =>
        new(e.Id, e.CreditCode, e.Name, e.RegionCode, e.ContactName, e.ContactPhone, e.ContactEmail, e.ReapplyBannedUntil,
            e.CreatedAt, e.UpdatedAt, e.Revision);
}

/// <summary>A title of the register, with whether it counts today (status valid and not expired).</summary>
public sealed record TitleView(
    string Id,
    string Tier,
    string? TierName,
    string CertificateNumber,
    string CriteriaVersion,
    DateOnly IssuedOn,
    DateOnly ValidUntil,
    string Status,
    string? StatusReason,
    bool ValidToday,
    string? ApplicationId)
{
    public static TitleView From(Title t, DateOnly today, string? tierName) =>
        new(t.Id, t.Tier, tierName, t.CertificateNumber, t.CriteriaVersion, t.IssuedOn, t.ValidUntil, t.Status, t.StatusReason,
            t.IsValidOn(today), t.ApplicationId);
}
