using Certification.Domain.Applications;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Documents;

/// <summary>
/// The application whose dossier a command is about to change (or a submission is about to freeze), read inside the command's transaction, tracked (the
/// change moves its revision: <see cref="Application.ChangeDossier"/>), as the caller may see it. On PostgreSQL the row
/// is locked FOR UPDATE first: two changes of one dossier queue instead of the later one failing on the revision, and a
/// submission that commits meanwhile is seen. SQLite's write transaction already excludes every other writer.
/// </summary>
internal static class DossierApplication
{
    public static async Task<Application> ReadForChangeAsync(CertificationDbContext db, Caller caller, string applicationId, CancellationToken ct)
    {
        var rows = db.Database.IsNpgsql()
            ? db.Applications.FromSql($"SELECT * FROM \"Applications\" WHERE \"Id\" = {applicationId} FOR UPDATE")
            : db.Applications.Where(a => a.Id == applicationId);
        return await rows.VisibleTo(caller, db).FirstOrDefaultAsync(ct)
               ?? throw new NotFoundException($"申请 {applicationId} 不存在");
    }

    /// <summary>
    /// The application's revision as committed now, its row locked likewise until the transaction ends: a submission
    /// confirms that no document was added or removed since it read the dossier, and none can be until it commits.
    /// </summary>
    public static Task<int> LockedRevisionAsync(CertificationDbContext db, string applicationId, CancellationToken ct) =>
        db.Database.SqlQuery<int>(db.Database.IsNpgsql()
                ? (FormattableString)$"SELECT \"Revision\" AS \"Value\" FROM \"Applications\" WHERE \"Id\" = {applicationId} FOR UPDATE"
                : $"SELECT \"Revision\" AS \"Value\" FROM \"Applications\" WHERE \"Id\" = {applicationId}")
            .SingleAsync(ct);
}
