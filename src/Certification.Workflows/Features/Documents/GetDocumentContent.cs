using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Documents;

/// <summary>The stored bytes of one document, with the sniffed content type and the display name for the download.</summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Expert, Roles.Admin, Roles.Regulator)]
public sealed record GetDocumentContent(string ApplicationId, string DocumentId) : IRequest<DocumentFile>;

public sealed record DocumentFile(string FileName, string ContentType, string Sha256, byte[] Bytes);

public sealed class GetDocumentContentHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<GetDocumentContent, DocumentFile>
{
    public async Task<DocumentFile> Handle(GetDocumentContent request, CancellationToken ct)
    {
        await db.EnsureVisibleAsync(callers.Current, request.ApplicationId, ct);
        var document = await db.Documents.AsNoTracking()
                           .FirstOrDefaultAsync(d => d.Id == request.DocumentId && d.ApplicationId == request.ApplicationId, ct)
                       ?? throw new NotFoundException($"申请 {request.ApplicationId} 没有文件 {request.DocumentId}");
        var bytes = await db.DocumentContents.AsNoTracking().Where(c => c.Sha256 == document.Sha256).Select(c => c.Bytes)
                        .FirstOrDefaultAsync(ct)
                    ?? throw new NotFoundException($"文件 {document.Id} 的内容不存在");
        return new DocumentFile(document.FileName, document.ContentType, document.Sha256, bytes);
    }
}
