using System.Text.Json.Nodes;
using Certification.Domain;
using Certification.Domain.Applications;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Documents;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Features.Documents;
using Certification.Workflows.Features.Evaluations;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Applications;

/// <summary>
/// Submits a draft, or resubmits a dossier returned for correction. Refused outside the batch window (naming the
/// dates), under a reapplication ban (naming the date), while another application of the tier is in process, without
/// the tier's prerequisite title in the register on the submission date (PREREQ), or while required materials are
/// missing (listing them). Otherwise the enterprise's profile is frozen, with the titles of the register, into a new
/// version together with its evaluation and its document list, and the tier's workflow is started (first submission)
/// and moved past its submission step. An ineligible evaluation does not stop the submission: the workflow's
/// EvaluateCriteria step rejects it, and the applicant sees why in the returned evaluation.
/// Everything commits in one database transaction, or nothing does.
/// </summary>
[AllowedCallers(Roles.Enterprise)]
public sealed record SubmitApplication(string ApplicationId, string Actor) : IRequest<SubmissionResult>;

public sealed record SubmissionResult(
    string ApplicationId,
    string Status,
    string StatusLabel,
    int Version,
    Evaluation Evaluation,
    string? WorkflowInstanceId);

public sealed class SubmitApplicationHandler(
    CertificationDbContext db,
    IMediator mediator,
    WorkflowRuntime runtime,
    CriteriaCatalog catalog,
    TimeProvider clock,
    CallerContext callers) : IRequestHandler<SubmitApplication, SubmissionResult>
{
    public async Task<SubmissionResult> Handle(SubmitApplication request, CancellationToken ct)
    {
        // Checks and the evaluation read outside the transaction: on SQLite a write transaction holds the database's
        // one write lock, and every other command's commit waits for it. What they read is confirmed inside, below.

        // One not visible to the caller reads as unknown. The batch comes along, tracked: the workflow's first step
        // looks it up again (the submission deadline) and finds it here.
        var row = await (
                from a in db.Applications.VisibleTo(callers.Current, db)
                where a.Id == request.ApplicationId
                join b in db.Batches on a.BatchId equals b.Id into batches
                from b in batches.DefaultIfEmpty()
                select new { Application = a, Batch = b })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"申请 {request.ApplicationId} 不存在");
        var application = row.Application;
        if (!application.CanBeSubmitted)
            throw new DomainStateException($"申请当前状态为“{ApplicationStatus.Label(application.Status)}”，不能提交。");
        var batch = row.Batch
                    ?? throw new NotFoundException($"申请 {application.Id} 的批次 {application.BatchId} 不存在");
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == application.EnterpriseId, ct)
                         ?? throw new NotFoundException($"申请 {application.Id} 的企业 {application.EnterpriseId} 不存在");

        var today = ChinaTime.Today(clock);
        batch.EnsureOpenOn(today);
        enterprise.EnsureMayApplyOn(today);
        await EnsureNoOtherInProcessAsync(application, ct);

        // The ladder counts the titles of the register, not what the applicant declared in the profile.
        var titles = await HeldTitlesAsync(enterprise.Id, ct);
        var frozen = enterprise.Profile with
        {
            CreditCode = enterprise.CreditCode,
            Name = enterprise.Name,
            RegionCode = enterprise.RegionCode,
            Titles = titles.Select(t => (HeldTitle?)new HeldTitle { Tier = t.Tier, ValidUntil = t.ValidUntil }).ToList(),
        };
        var evaluation = await mediator.Send(new EvaluateEnterprise(application.Tier, frozen, today, application.CriteriaVersion), ct);
        if (evaluation.Failed.FirstOrDefault(f => f.Code == "PREREQ") is { } prerequisite)
            throw new DomainStateException(
                $"不能申报{TierNames.Of(catalog, application.CriteriaVersion, application.Tier) ?? application.Tier}：{prerequisite.Reason}" +
                $"（申报前提 PREREQ，以称号库中 {today:yyyy-MM-dd} 有效的称号为准）。");

        var documents = await db.Documents.AsNoTracking().Where(d => d.ApplicationId == application.Id).ToListAsync(ct);
        var missing = MaterialChecklist.Missing(application.Tier, documents.Select(d => d.Item));
        if (missing.Count > 0)
            throw new RequestValidationException(missing
                .Select(m => new FieldError($"documents.{m.Code}", $"缺少必备材料：{m.Name}（{m.Code}），请上传后再提交"))
                .ToList());

        var now = clock.GetUtcNow().UtcDateTime;
        var manifest = documents.OrderBy(d => d.UploadedAt).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => DocumentView.From(d, application.Tier)).ToList();

        // Starting a workflow saves on its own, and the submission task is resumed in a second step: an explicit
        // transaction makes the frozen version, the start and the resume one commit.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claim the enterprise row first: a second submission of the same enterprise waits here until this one has
        // committed (PostgreSQL row lock; SQLite's write lock) and then sees it in the duplicate check below.
        await db.Enterprises.Where(e => e.Id == application.EnterpriseId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Revision, e => e.Revision + 1), ct);
        await EnsureNoOtherInProcessAsync(application, ct);
        // A document or title that changed since the reads above would make the frozen dossier wrong: refuse, to be
        // submitted again. A document upload or deletion moves the application's revision; the row stays locked from
        // here to the commit, so none can slip in after this check.
        if (await DossierApplication.LockedRevisionAsync(db, application.Id, ct) != application.Revision
            || !(await HeldTitlesAsync(enterprise.Id, ct)).SequenceEqual(titles))
            throw new ConflictException("提交期间申报材料或称号库发生了变化，本次提交未生效，请刷新后重新提交。");

        var version = application.Submit(ApplicationJson.Write(frozen), ApplicationJson.Write(evaluation), evaluation.Eligible,
            evaluation.TotalScore, request.Actor, now, ApplicationJson.Write(manifest));
        // Not saved here: the workflow's steps read it from the tracker (LifecycleData, SubmittedDossier), and the
        // step that starts or resumes the workflow saves it with its own rows.
        db.ApplicationVersions.Add(version);

        // A first submission starts the workflow, whose answer names the submission task it opened; a resubmission after a
        // return finds the task the workflow opened then.
        string? taskId = null;
        if (application.WorkflowInstanceId is null)
        {
            var started = await StartWorkflowAsync(application, request.Actor, ct);
            application.AttachWorkflow(started.InstanceId!);
            taskId = started.TaskOf(ApplicationRules.AwaitSubmissionActivity);
        }
        taskId ??= (await ApplicationRules.OpenSubmissionTaskAsync(db, application.WorkflowInstanceId, ct))?.Id
                   ?? throw new ConflictException("申报流程当前不在等待企业提交的环节，本次提交未生效，请刷新后查看申请状态。");
        var step = await runtime.ResumeAsync(taskId, ApplicationRules.Outcome("Submitted"), request.Actor, ct);
        if (!step.Applied)
            throw new ConflictException($"申报流程未能接受提交：{step.Message}");
        await transaction.CommitAsync(ct);

        return new SubmissionResult(application.Id, application.Status, ApplicationStatus.Label(application.Status), version.Version,
            evaluation, application.WorkflowInstanceId);
    }

    private async Task EnsureNoOtherInProcessAsync(Application application, CancellationToken ct)
    {
        if (await ApplicationRules.OtherInProcessAsync(db, application.EnterpriseId, application.Tier, application.Id, ct) is { } other)
            throw new ConflictException(ApplicationRules.DuplicateMessage(other));
    }

    /// <summary>
    /// The enterprise's valid titles, in a stable order. The status is checked here, not in SQL: with it in the WHERE
    /// clause SQLite (no statistics) walks every valid title of the register by the status index instead of the
    /// enterprise's few by the enterprise index.
    /// </summary>
    private async Task<List<(string Tier, DateOnly ValidUntil)>> HeldTitlesAsync(string enterpriseId, CancellationToken ct) =>
        (await db.Titles.AsNoTracking()
            .Where(t => t.EnterpriseId == enterpriseId)
            .Select(t => new { t.Tier, t.ValidUntil, t.Status })
            .ToListAsync(ct))
        .Where(t => t.Status == TitleStatus.Valid)
        .Select(t => (t.Tier, t.ValidUntil))
        .OrderBy(t => t.Tier, StringComparer.Ordinal).ThenBy(t => t.ValidUntil)
        .ToList();

    private async Task<StepAnswer> StartWorkflowAsync(Application application, string actor, CancellationToken ct)
    {
        var input = new JsonObject
        {
            ["applicationId"] = application.Id,
            ["enterpriseId"] = application.EnterpriseId,
            ["batchId"] = application.BatchId,
            ["tier"] = application.Tier,
            ["regionCode"] = application.RegionCode,
            ["criteriaVersion"] = application.CriteriaVersion,
        };
        StepAnswer started;
        try
        {
            started = await runtime.StartAsync(ApplicationRules.WorkflowDefinitionFor(application.Tier), input, application.Id, actor, ct);
        }
        catch (NotFoundException e)
        {
            throw new ConflictException($"称号层级“{application.Tier}”没有可用的申报流程，暂不能提交：{e.Message}");
        }
        if (started.Status == nameof(Engine.Execution.WorkflowStatus.Faulted))
        {
            var fault = started.Fault ?? started.Message;
            throw new ConflictException($"申报流程未能启动，本次提交未生效：{fault}");
        }
        return started;
    }
}
