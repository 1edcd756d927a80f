using Certification.Domain.Applications;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Applications;

/// <summary>
/// What the workflow's steps evaluate: the latest submitted version of an application (its frozen profile and the
/// evaluation made at submission). Reads through the scoped DbContext, so inside a submission's step it also sees the
/// version that step is about to commit.
/// </summary>
public sealed class SubmittedDossier(CertificationDbContext db)
{
    /// <exception cref="NotFoundException">The application has never been submitted.</exception>
    public async Task<(EnterpriseProfile Profile, Evaluation Evaluation)> LatestAsync(string applicationId, CancellationToken ct = default)
    {
        var pending = db.ApplicationVersions.Local.Where(v => v.ApplicationId == applicationId).MaxBy(v => v.Version);
        var stored = await db.ApplicationVersions.AsNoTracking()
            .Where(v => v.ApplicationId == applicationId)
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(ct);
        var latest = new[] { pending, stored }.OfType<ApplicationVersion>().MaxBy(v => v.Version)
                     ?? throw new NotFoundException($"申请 {applicationId} 尚未提交，没有可评价的申报材料");
        var evaluation = ApplicationJson.Evaluation(latest.EvaluationJson)
                         ?? throw new InvalidOperationException($"申请 {applicationId} 第 {latest.Version} 版没有评价结果");
        return (ApplicationJson.Profile(latest.ProfileJson), evaluation);
    }
}
