using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Documents;

/// <summary>
/// Removes a document from a draft or returned application. The content stays stored (by hash): a submitted
/// version that listed the document still names it, and other documents may share the bytes.
/// </summary>
[AllowedCallers(Roles.Enterprise)]
public sealed record DeleteDocument(string ApplicationId, string DocumentId) : IRequest<Unit>;

public sealed class DeleteDocumentHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<DeleteDocument, Unit>
{
    public async Task<Unit> Handle(DeleteDocument request, CancellationToken ct)
    {
        // One transaction from the status check to the write, so a submission cannot slip in between: on SQLite it
        // takes the write lock at once; on PostgreSQL the application row is locked, and the revision moved here makes a
        // submission that read the dossier before fail.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var application = await DossierApplication.ReadForChangeAsync(db, callers.Current, request.ApplicationId, ct);
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == request.DocumentId && d.ApplicationId == application.Id, ct)
                       ?? throw new NotFoundException($"申请 {request.ApplicationId} 没有文件 {request.DocumentId}");
        application.ChangeDossier();
        db.Documents.Remove(document);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Unit.Value;
    }
}
