using System.Text.Json;
using Certification.Domain.Applications;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Documents;
using Certification.Domain.Time;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Features.Documents;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Applications;

/// <summary>An application in a list.</summary>
public sealed record ApplicationSummary(
    string Id,
    string EnterpriseId,
    string BatchId,
    string Tier,
    string Status,
    string StatusLabel,
    int CurrentVersion,
    decimal? SelfAssessmentScore,
    bool? Eligible,
    DateTime CreatedAt,
    DateTime? SubmittedAt,
    DateTime? DecidedAt)
{
    public static ApplicationSummary From(Application a) =>
        new(a.Id, a.EnterpriseId, a.BatchId, a.Tier, a.Status, ApplicationStatus.Label(a.Status), a.CurrentVersion,
            a.SelfAssessmentScore, a.Eligible, a.CreatedAt, a.SubmittedAt, a.DecidedAt);
}

/// <summary>One line of the materials checklist: whether the application has a document for it.</summary>
public sealed record ChecklistItemView(string Item, string Name, bool Required, string Description, bool Present, int DocumentCount)
{
    public static ChecklistItemView From(MaterialItem item, IReadOnlyCollection<DocumentView> documents)
    {
        var count = documents.Count(d => d.Item == item.Code);
        return new(item.Code, item.Name, item.Required, item.Description, count > 0, count);
    }
}

/// <summary>A frozen submission in the history.</summary>
public sealed record VersionSummary(int Version, DateTime SubmittedAt, string SubmittedBy, bool? Eligible, decimal? TotalScore)
{
    public static VersionSummary From(ApplicationVersion v)
    {
        var evaluation = ApplicationJson.Evaluation(v.EvaluationJson);
        return new(v.Version, v.SubmittedAt, v.SubmittedBy, evaluation?.Eligible, evaluation?.TotalScore);
    }
}

/// <summary>The enterprise as an application names it.</summary>
public sealed record ApplicantView(string Id, string CreditCode, string Name, string RegionCode);

/// <summary>
/// Everything the applicant sees about an application: where it stands, its batch, the self-assessment of the
/// latest submission, the checklist with what is present and missing, the documents and the version history.
/// </summary>
public sealed record ApplicationDetail(
    string Id,
    ApplicantView Enterprise,
    string Tier,
    string? TierName,
    BatchView Batch,
    string CriteriaVersion,
    string Status,
    string StatusLabel,
    int CurrentVersion,
    Evaluation? SelfAssessment,
    decimal? SelfAssessmentScore,
    bool? Eligible,
    string? DecisionReason,
    IReadOnlyList<ChecklistItemView> Checklist,
    IReadOnlyList<string> MissingItems,
    IReadOnlyList<DocumentView> Documents,
    IReadOnlyList<VersionSummary> Versions,
    string? WorkflowInstanceId,
    DateTime CreatedAt,
    DateTime? SubmittedAt,
    DateTime? DecidedAt,
    int Revision)
{
    public static ApplicationDetail From(Application a, ApplicantView enterprise, BatchView batch, string? tierName,
        IReadOnlyList<DocumentView> documents, IReadOnlyList<ApplicationVersion> versions)
    {
        var checklist = MaterialChecklist.For(a.Tier).Select(m => ChecklistItemView.From(m, documents)).ToList();
        var latest = versions.MaxBy(v => v.Version);
        return new(a.Id, enterprise, a.Tier, tierName, batch, a.CriteriaVersion, a.Status, ApplicationStatus.Label(a.Status),
            a.CurrentVersion, latest is null ? null : ApplicationJson.Evaluation(latest.EvaluationJson), a.SelfAssessmentScore, a.Eligible,
            a.DecisionReason, checklist, checklist.Where(c => c.Required && !c.Present).Select(c => c.Name).ToList(), documents,
            versions.OrderBy(v => v.Version).Select(VersionSummary.From).ToList(), a.WorkflowInstanceId, a.CreatedAt, a.SubmittedAt,
            a.DecidedAt, a.Revision);
    }

    /// <summary>Loads what <see cref="From"/> needs, without tracking.</summary>
    public static async Task<ApplicationDetail> LoadAsync(CertificationDbContext db, CriteriaCatalog catalog, TimeProvider clock, string id,
        CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct)
                          ?? throw new NotFoundException($"申请 {id} 不存在");
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Id == application.EnterpriseId)
                             .Select(e => new ApplicantView(e.Id, e.CreditCode, e.Name, e.RegionCode)).FirstOrDefaultAsync(ct)
                         ?? throw new NotFoundException($"申请 {id} 的企业 {application.EnterpriseId} 不存在");
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == application.BatchId, ct)
                    ?? throw new NotFoundException($"申请 {id} 的批次 {application.BatchId} 不存在");
        var documents = await db.Documents.AsNoTracking().Where(d => d.ApplicationId == id).ToListAsync(ct);
        var versions = await db.ApplicationVersions.AsNoTracking().Where(v => v.ApplicationId == id).ToListAsync(ct);
        var tierName = TierNames.Of(catalog, application.CriteriaVersion, application.Tier);
        return From(application, enterprise, BatchView.From(batch, ChinaTime.Today(clock), TierNames.Of(catalog, batch.CriteriaVersion, batch.Tier)),
            tierName, documents.OrderBy(d => d.UploadedAt).ThenBy(d => d.Id, StringComparer.Ordinal).Select(d => DocumentView.From(d, application.Tier)).ToList(),
            versions);
    }
}

/// <summary>One frozen version in full: the profile as submitted, its evaluation and its documents.</summary>
public sealed record ApplicationVersionView(
    string ApplicationId,
    int Version,
    DateTime SubmittedAt,
    string SubmittedBy,
    EnterpriseProfile Profile,
    Evaluation? Evaluation,
    IReadOnlyList<DocumentView> Documents)
{
    public static ApplicationVersionView From(ApplicationVersion v) =>
        new(v.ApplicationId, v.Version, v.SubmittedAt, v.SubmittedBy, ApplicationJson.Profile(v.ProfileJson), ApplicationJson.Evaluation(v.EvaluationJson),
            ApplicationJson.Documents(v.DocumentsJson));
}

/// <summary>The stored JSON of versions, read and written in the criteria dialect.</summary>
internal static class ApplicationJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, CriteriaJson.Options);

    public static EnterpriseProfile Profile(string json) =>
        JsonSerializer.Deserialize<EnterpriseProfile>(json, CriteriaJson.Options) ?? new EnterpriseProfile();

    public static Evaluation? Evaluation(string json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}" ? null : JsonSerializer.Deserialize<Evaluation>(json, CriteriaJson.Options);

    public static IReadOnlyList<DocumentView> Documents(string json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<DocumentView>>(json, CriteriaJson.Options) ?? [];
}
