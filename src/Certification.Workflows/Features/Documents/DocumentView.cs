using Certification.Domain.Documents;

namespace Certification.Workflows.Features.Documents;

/// <summary>A document of an application; also the shape a submitted version lists its documents in.</summary>
public sealed record DocumentView(
    string Id,
    string Item,
    string? ItemName,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string UploadedBy,
    DateTime UploadedAt)
{
    public static DocumentView From(Document d, string tier) =>
        new(d.Id, d.Item, MaterialChecklist.Find(tier, d.Item)?.Name, d.FileName, d.ContentType, d.Size, d.Sha256, d.UploadedBy, d.UploadedAt);
}
