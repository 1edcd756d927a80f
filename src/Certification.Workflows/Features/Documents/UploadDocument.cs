using System.Globalization;
using System.Security.Cryptography;
using Certification.Domain.Documents;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Documents;

/// <summary>
/// Attaches a file to one checklist item of a draft or returned application. The type is decided by the content
/// (<see cref="ContentSniffer"/>), never by the name or the declared content type; the name must agree with the
/// content. Content is stored once per SHA-256 hash; the name is kept for display only.
/// </summary>
[AllowedCallers(Roles.Enterprise)]
public sealed record UploadDocument(string ApplicationId, string? Item, string? FileName, byte[]? Content, string Actor) : IRequest<DocumentView>
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxDocumentsPerApplication = 100;

    public static string TooLarge(long size) =>
        string.Create(CultureInfo.InvariantCulture, $"文件大小为 {size:N0} 字节，超过上限 20 MB（{MaxBytes:N0} 字节）");
}

public sealed class UploadDocumentValidator : IRequestValidator<UploadDocument>
{
    public IEnumerable<FieldError> Validate(UploadDocument request)
    {
        if (string.IsNullOrWhiteSpace(request.Item))
            yield return new FieldError("item", "须指明材料项（item），例如 business-license（营业执照）");
        if (request.Content is null)
            yield return new FieldError("file", "缺少上传的文件（file）");
        else if (request.Content.Length == 0)
            yield return new FieldError("file", "上传的文件为空");
        else if (request.Content.Length > UploadDocument.MaxBytes)
            yield return new FieldError("file", UploadDocument.TooLarge(request.Content.Length));
    }
}

public sealed class UploadDocumentHandler(CertificationDbContext db, TimeProvider clock, CallerContext callers) : IRequestHandler<UploadDocument, DocumentView>
{
    public async Task<DocumentView> Handle(UploadDocument request, CancellationToken ct)
    {
        // One transaction from the status check to the write, so a submission cannot slip in between: on SQLite it
        // takes the write lock at once; on PostgreSQL the application row is locked, and the revision moved here makes a
        // submission that read the dossier before fail.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var application = await DossierApplication.ReadForChangeAsync(db, callers.Current, request.ApplicationId, ct);
        application.ChangeDossier();
        var item = MaterialChecklist.Find(application.Tier, request.Item)
                   ?? throw new RequestValidationException("item",
                       $"未知的材料项“{request.Item}”，本层级的材料项：{string.Join("、", MaterialChecklist.For(application.Tier).Select(m => $"{m.Code}（{m.Name}）"))}");

        var content = request.Content!;
        var sniffed = ContentSniffer.Sniff(content);
        if (sniffed.Type is not { } type) throw new RequestValidationException("file", sniffed.Refusal!);
        var fileName = NameFor(request.FileName, type);

        if (await db.Documents.CountAsync(d => d.ApplicationId == application.Id, ct) >= UploadDocument.MaxDocumentsPerApplication)
            throw new ConflictException($"每个申请最多上传 {UploadDocument.MaxDocumentsPerApplication} 个文件，请先删除不需要的文件。");

        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var document = Document.Attach(Guid.CreateVersion7().ToString("D"), application.Id, item.Code, fileName, type.ContentType,
            content.Length, sha, request.Actor, clock.GetUtcNow().UtcDateTime);
        db.Documents.Add(document);
        var storesContent = !await db.DocumentContents.AnyAsync(c => c.Sha256 == sha, ct);
        if (storesContent) db.DocumentContents.Add(new DocumentContent(sha, content));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (storesContent)
        {
            // Another upload stored the same bytes first: keep theirs and save only our document row.
            if (!await ContentStoredMeanwhileAsync(sha, ct)) throw;
            foreach (var entry in db.ChangeTracker.Entries<DocumentContent>().ToList()) entry.State = EntityState.Detached;
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return DocumentView.From(document, application.Tier);
    }

    private async Task<bool> ContentStoredMeanwhileAsync(string sha, CancellationToken ct) =>
        await db.DocumentContents.AsNoTracking().AnyAsync(c => c.Sha256 == sha, ct);

    /// <summary>
    /// The display name: the last segment of what the client sent, with an extension that matches the content. A name
    /// whose extension says something else (a ".pdf" that is a PNG, a ".exe" that is a PDF) is refused rather than
    /// guessed at; a name without an extension gets the content's.
    /// </summary>
    private static string NameFor(string? clientName, DocumentType type)
    {
        var name = (clientName ?? "").Replace('\\', '/').Split('/').Last().Trim();
        // "." and ".." are not names; they become the neutral "file" (with the content's extension).
        if (name.Trim('.').Length == 0) name = "file";
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension.Length == 0) return name + type.Extensions[0];
        if (!type.Extensions.Contains(extension))
            throw new RequestValidationException("file",
                $"文件内容是{type.Label}，与文件名的扩展名“{extension}”不符；请核对文件后重新上传（{type.Label}应为 {string.Join(" 或 ", type.Extensions)}）");
        return name;
    }
}
