namespace Certification.Domain.Documents;

/// <summary>
/// A file attached to an application for one checklist item. The content is stored once by its SHA-256 hash;
/// the original name is kept for display only and never used as a path.
/// </summary>
public sealed class Document
{
    private Document() { }

    public string Id { get; private set; } = "";
    public string ApplicationId { get; private set; } = "";
    public string Item { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAt { get; private set; }

    public static Document Attach(string id, string applicationId, string item, string fileName, string contentType, long size,
        string sha256, string uploadedBy, DateTime now) =>
        new()
        {
            Id = id, ApplicationId = applicationId, Item = item, FileName = SafeName(fileName), ContentType = contentType,
            Size = size, Sha256 = sha256, UploadedBy = uploadedBy, UploadedAt = now,
        };

    /// <summary>Keeps the last path segment and drops control characters, so a name can be shown but never navigates.</summary>
    private static string SafeName(string fileName)
    {
        var name = fileName.Replace('\\', '/').Split('/').Last();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "file" : name.Length > 200 ? name[..200] : name;
    }
}

/// <summary>The stored bytes of a document, shared by every document with the same content.</summary>
public sealed class DocumentContent
{
    private DocumentContent() { }

    public DocumentContent(string sha256, byte[] bytes)
    {
        Sha256 = sha256;
        Bytes = bytes;
    }

    public string Sha256 { get; private set; } = "";
    public byte[] Bytes { get; private set; } = [];
}
