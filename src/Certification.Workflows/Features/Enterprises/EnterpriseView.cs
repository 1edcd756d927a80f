using Certification.Domain.Enterprises;
using Certification.Domain.Titles;

namespace Certification.Workflows.Features.Enterprises;

/// <summary>
/// An enterprise as the API shows it (the working profile has its own endpoint). <see cref="ReapplyBanNotice"/> says in
/// Chinese, while a reapplication ban is in force, until which date the enterprise may not apply.
/// </summary>
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
    public string? ReapplyBanNotice { get; init; }

    public static EnterpriseView From(Enterprise e) =>
        new(e.Id, e.CreditCode, e.Name, e.RegionCode, e.ContactName, e.ContactPhone, e.ContactEmail, e.ReapplyBannedUntil,
            e.CreatedAt, e.UpdatedAt, e.Revision);

    /// <summary>The view with the ban's notice as of <paramref name="today"/>.</summary>
    public static EnterpriseView From(Enterprise e, DateOnly today) => From(e) with
    {
        ReapplyBanNotice = e.IsBannedOn(today)
            ? $"称号已被撤销，{e.ReapplyBannedUntil:yyyy-MM-dd} 之前不得重新申报（自该日起可重新申报）。"
            : null,
    };
}

/// <summary>A title of the register, with whether it counts today (status valid and not expired) and, if revoked, since when.</summary>
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
    public DateOnly? RevokedOn { get; init; }

    public static TitleView From(Title t, DateOnly today, string? tierName) =>
        new(t.Id, t.Tier, tierName, t.CertificateNumber, t.CriteriaVersion, t.IssuedOn, t.ValidUntil, t.Status, t.StatusReason,
            t.IsValidOn(today), t.ApplicationId) { RevokedOn = t.RevokedOn };
}
