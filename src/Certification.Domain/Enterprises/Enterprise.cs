using System.Text.Json;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;

namespace Certification.Domain.Enterprises;

/// <summary>
/// An enterprise known to the platform, identified by its 统一社会信用代码. It keeps one working profile (yearly
/// financials and the facts of CRITERIA.md) that it edits freely; each submitted application freezes a copy.
/// </summary>
public sealed class Enterprise
{
    private Enterprise() { }

    public string Id { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }
    public string? ContactEmail { get; private set; }

    /// <summary>The working profile as JSON (CriteriaJson shape); identity fields always mirror the enterprise.</summary>
    public string ProfileJson { get; private set; } = "{}";

    /// <summary>After a revocation the enterprise may not apply again before this date (exclusive).</summary>
    public DateOnly? ReapplyBannedUntil { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Revision { get; private set; }

    public static Enterprise Register(string id, string creditCode, string name, string regionCode,
        string? contactName, string? contactPhone, string? contactEmail, DateTime now)
    {
        creditCode = (creditCode ?? "").Trim().ToUpperInvariant();
        if (!Criteria.Profiles.CreditCode.TryValidate(creditCode, out var error))
            throw new DomainRuleException($"统一社会信用代码无效：{error}", "creditCode");
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
            throw new DomainRuleException("企业名称必填，且不超过 200 个字符", "name");
        if (!Criteria.Profiles.RegionCode.IsValid(regionCode))
            throw new DomainRuleException("所在地区须为 6 位行政区划代码", "regionCode");
        var enterprise = new Enterprise
        {
            Id = id,
            CreditCode = creditCode,
            Name = name.Trim(),
            RegionCode = regionCode,
            CreatedAt = now,
            UpdatedAt = now,
        };
        enterprise.SetContacts(contactName, contactPhone, contactEmail);
        enterprise.ProfileJson = enterprise.Stamp(new EnterpriseProfile());
        return enterprise;
    }

    public void SetContacts(string? contactName, string? contactPhone, string? contactEmail)
    {
        if (contactName is { Length: > 50 }) throw new DomainRuleException("联系人姓名不超过 50 个字符", "contactName");
        if (contactPhone is { Length: > 30 }) throw new DomainRuleException("联系电话不超过 30 个字符", "contactPhone");
        if (contactEmail is { Length: > 100 } || (contactEmail is { Length: > 0 } && !contactEmail.Contains('@')))
            throw new DomainRuleException("电子邮箱格式不正确", "contactEmail");
        ContactName = contactName;
        ContactPhone = contactPhone;
        ContactEmail = contactEmail;
    }

    public EnterpriseProfile Profile => JsonSerializer.Deserialize<EnterpriseProfile>(ProfileJson, CriteriaJson.Options) ?? new EnterpriseProfile();

    /// <summary>Replaces the working profile after range checks; submitted dossiers are not affected.</summary>
    public void UpdateProfile(EnterpriseProfile profile, DateTime now)
    {
        var errors = ProfileValidator.Validate(profile with { CreditCode = CreditCode, RegionCode = RegionCode, Name = Name });
        if (errors.Count > 0) throw new DomainRuleException(errors[0].Message, "profile." + errors[0].Field);
        ProfileJson = Stamp(profile);
        UpdatedAt = now;
        Revision++;
    }

    public void BanReapplicationUntil(DateOnly until) => ReapplyBannedUntil = until;

    /// <summary>Whether a reapplication ban is still in force on <paramref name="date"/> (the ban date itself is free).</summary>
    public bool IsBannedOn(DateOnly date) => ReapplyBannedUntil is { } until && date < until;

    /// <summary>Refuses an application while a reapplication ban is in force, naming the day it ends.</summary>
    public void EnsureMayApplyOn(DateOnly date)
    {
        if (IsBannedOn(date))
            throw new DomainStateException(
                $"企业“{Name}”的称号曾被撤销，{ReapplyBannedUntil:yyyy-MM-dd} 之前不得重新申报（今天为 {date:yyyy-MM-dd}）。");
    }

    /// <summary>Identity fields in the profile always come from the enterprise record, never from the applicant's form.</summary>
    private string Stamp(EnterpriseProfile profile) =>
        JsonSerializer.Serialize(profile with { CreditCode = CreditCode, RegionCode = RegionCode, Name = Name }, CriteriaJson.Options);
}
