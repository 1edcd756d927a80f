namespace Certification.Domain.Publicity;

/// <summary>异议: anyone may object to an application during its publicity, leaving contact details.</summary>
public sealed class Objection
{
    private Objection() { }

    public string Id { get; private set; } = "";
    public string ApplicationId { get; private set; } = "";
    public string ContactName { get; private set; } = "";
    public string ContactPhone { get; private set; } = "";
    public string Content { get; private set; } = "";
    public DateTime LodgedAt { get; private set; }
    public string Status { get; private set; } = ObjectionStatus.Open;
    public string? Resolution { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTime? ResolvedAt { get; private set; }

    public static Objection Lodge(string id, string applicationId, string contactName, string contactPhone, string content, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(contactName) || contactName.Length > 50) throw new DomainRuleException("请填写联系人姓名（不超过 50 个字符）", "contactName");
        if (string.IsNullOrWhiteSpace(contactPhone) || contactPhone.Length > 30) throw new DomainRuleException("请填写联系电话（不超过 30 个字符）", "contactPhone");
        if (string.IsNullOrWhiteSpace(content) || content.Length > 2000) throw new DomainRuleException("请填写异议内容（不超过 2000 个字符）", "content");
        return new Objection
        {
            Id = id, ApplicationId = applicationId, ContactName = contactName.Trim(), ContactPhone = contactPhone.Trim(),
            Content = content.Trim(), LodgedAt = now,
        };
    }

    public void Resolve(bool upheld, string resolution, string resolvedBy, DateTime now)
    {
        if (Status != ObjectionStatus.Open) throw new DomainStateException("该异议已处理，不能重复处理。");
        if (string.IsNullOrWhiteSpace(resolution)) throw new DomainRuleException("请填写处理理由", "resolution");
        Status = upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
        Resolution = resolution.Trim();
        ResolvedBy = resolvedBy;
        ResolvedAt = now;
    }
}

public static class ObjectionStatus
{
    public const string Open = "Open";
    public const string Upheld = "Upheld";
    public const string Dismissed = "Dismissed";
}
