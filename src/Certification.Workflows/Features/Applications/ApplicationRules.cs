using System.Text.Json.Nodes;
using Certification.Domain.Applications;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Applications;

/// <summary>Rules and look-ups shared by the application features.</summary>
internal static class ApplicationRules
{
    public const string AwaitSubmissionActivity = "Certification.AwaitSubmission";

    /// <summary>Statuses in which an application is not (or no longer) in process: a draft blocks nothing.</summary>
    private static readonly string[] NotInProcess =
        [ApplicationStatus.Draft, ApplicationStatus.Certified, ApplicationStatus.Rejected, ApplicationStatus.Withdrawn];

    /// <summary>The shipped definition of each tier is "&lt;tier&gt;-certification" (workflows/README.md).</summary>
    public static string WorkflowDefinitionFor(string tier) => $"{tier}-certification";

    /// <summary>Another application of the enterprise for the tier that is submitted and not yet decided.</summary>
    public static Task<Application?> OtherInProcessAsync(CertificationDbContext db, string enterpriseId, string tier, string? exceptId,
        CancellationToken ct) =>
        db.Applications.AsNoTracking()
            .Where(a => a.EnterpriseId == enterpriseId && a.Tier == tier && a.Id != exceptId && !NotInProcess.Contains(a.Status))
            .OrderBy(a => a.CreatedAt)
            .FirstOrDefaultAsync(ct);

    public static string DuplicateMessage(Application other) =>
        $"该企业已有同一层级的申请 {other.Id} 正在办理（{ApplicationStatus.Label(other.Status)}），办结前不能重复申报。";

    /// <summary>The enterprise's open submission task of the instance (AwaitSubmission waiting for the applicant), if any.</summary>
    public static Task<HumanTaskRecord?> OpenSubmissionTaskAsync(CertificationDbContext db, string? instanceId, CancellationToken ct) =>
        instanceId is null
            ? Task.FromResult<HumanTaskRecord?>(null)
            : db.HumanTasks.AsNoTracking()
                .Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open && t.ActivityType == AwaitSubmissionActivity)
                .OrderByDescending(t => t.CreatedAt)
                .FirstOrDefaultAsync(ct);

    public static JsonObject Outcome(string outcome) => new() { ["outcome"] = outcome };
}
