using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Domain.Applications;
using Certification.Domain.Batches;
using Certification.Domain.Calendar;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Dynamic;
using Certification.Domain.Enterprises;
using Certification.Domain.Review;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Features.CriteriaVersions;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Lifecycle;

/// <summary>
/// The product's <see cref="ICertificationHost"/>: the <c>Certification.*</c> activities act on the lifecycle rows
/// through the request's scoped <see cref="CertificationDbContext"/>. It only changes tracked entities and never
/// saves: the runtime's step saves them together with the instance state, bookmarks, inbox rows and journal, in one
/// transaction, together with whatever the calling handler changed before resuming.
/// </summary>
/// <remarks>
/// <para>The application is <c>ApplicationId ?? CorrelationId ?? input.applicationId</c> of the instance. A missing
/// application, enterprise or batch faults the instance (<see cref="CertificationHostException"/>) with the reason.</para>
/// <para>Expert panels are seated in <see cref="PrepareTaskAsync"/> on the task id the engine reserves for the
/// task (<see cref="HumanTaskSpec.Id"/>). A pool too small does not fault the instance: the task is created with
/// the seats that could be filled, and the panel is filled up later (see <see cref="ExpertPanels.SeatAsync"/>).</para>
/// <para>Re-evaluation instances name their title in the input (<c>titleId</c>); without it the valid title issued
/// for the instance's application is used.</para>
/// </remarks>
public sealed class DatabaseCertificationHost(
    CertificationDbContext db,
    CriteriaCatalog catalog,
    CriteriaRegistry registry,
    WorkingDayCalendar calendar,
    TimeProvider clock) : ICertificationHost
{
    public async ValueTask<CriteriaOutcome> EvaluateAsync(CertificationContext context, string tier)
    {
        var application = await RequireApplicationAsync(context);
        var version = await db.LatestSubmissionAsync(application)
                      ?? throw new CertificationHostException($"申请 {application.Id} 尚未提交申报材料，无法核验条件。");
        var evaluation = LifecycleData.ReadEvaluation(version.EvaluationJson);
        if (evaluation is null || !string.Equals(evaluation.Tier, tier, StringComparison.Ordinal))
        {
            // The frozen evaluation is for another tier or unreadable: evaluate the frozen profile itself, as of submission.
            var profileJson = await db.FrozenProfileJsonAsync(application.Id, version.Version) ?? "null";
            var profile = JsonSerializer.Deserialize<EnterpriseProfile>(profileJson, CriteriaJson.Options)
                          ?? throw new CertificationHostException($"申请 {application.Id} 第 {version.Version} 版的企业信息无法读取。");
            if (!catalog.TryGet(application.CriteriaVersion, out var criteria))
                throw new CertificationHostException($"申请 {application.Id} 的评价标准版本“{application.CriteriaVersion}”不存在。");
            if (criteria.FindTier(tier) is null)
                throw new CertificationHostException($"评价标准“{criteria.Version}”中没有层级“{tier}”。");
            evaluation = CriteriaEvaluator.Evaluate(criteria, tier, profile, DateOnly.FromDateTime(version.SubmittedAt.Add(ChinaTime.Offset)));
        }

        if (application.Status != ApplicationStatus.Submitted && application.IsOpen)
            application.MoveTo(ApplicationStatus.Submitted);

        var summary = new JsonObject
        {
            ["eligible"] = evaluation.Eligible,
            ["tier"] = evaluation.Tier,
            ["criteriaVersion"] = evaluation.CriteriaVersion,
            ["route"] = evaluation.Route is { } route ? JsonNamingPolicy.KebabCaseLower.ConvertName(route.ToString()) : null,
            ["totalScore"] = evaluation.TotalScore,
            ["version"] = version.Version,
            ["failed"] = new JsonArray(evaluation.Failed.Select(f => (JsonNode)new JsonObject { ["code"] = f.Code, ["reason"] = f.Reason }).ToArray()),
        };
        return new CriteriaOutcome(evaluation.Eligible, summary);
    }

    public async ValueTask<bool> IsSampledForSpotCheckAsync(CertificationContext context, decimal share)
    {
        var application = await RequireApplicationAsync(context);
        var batch = await RequireBatchAsync(application);
        // The batch's share is the configured one; the activity's input is the definition's default.
        return SpotCheckSampler.IsSampled(batch.Id, application.Id, batch.SpotCheckShare, LifecycleData.SpotCheckSeed(batch.Id));
    }

    public async ValueTask<DateTimeOffset> PublicityEndsAtAsync(CertificationContext context, DateTimeOffset start, int workingDays)
    {
        var application = await RequireApplicationAsync(context);
        var batch = await RequireBatchAsync(application);
        var days = batch.PublicityWorkingDays > 0 ? batch.PublicityWorkingDays : Math.Max(1, workingDays);
        var firstDay = DateOnly.FromDateTime(start.ToOffset(ChinaTime.Offset).DateTime);
        // The publicity runs to the end of its last day: it closes at 00:00 Beijing time of the day after.
        var ends = ChinaTime.StartOf(calendar.PublicityLastDay(firstDay, days).AddDays(1));
        application.StartPublicity(ends.UtcDateTime);
        return ends;
    }

    public async ValueTask<DateTimeOffset> ExpiryReminderAtAsync(CertificationContext context, int daysBefore)
    {
        var title = await RequireTitleAsync(context);
        // The lead time configured for the host (Dynamic:ReEvaluationLeadDays, passed by the opener) outranks the
        // definition's default, so that the window opens when the settings say.
        var days = context.Input["leadDays"] is JsonValue lead && lead.TryGetValue<int>(out var configured) ? configured : daysBefore;
        return ChinaTime.StartOf(title.ValidUntil.AddDays(-days));
    }

    /// <summary>
    /// First submission: the end of the batch's last day. A correction after a return has no deadline (the batch
    /// window governs first submissions only). Re-evaluation: the end of the title's last valid day.
    /// </summary>
    public async ValueTask<DateTimeOffset?> SubmissionDeadlineAsync(CertificationContext context)
    {
        if (await FindTitleContextAsync(context) is { } title) return ChinaTime.StartOf(title.ValidUntil.AddDays(1));
        var application = await FindApplicationAsync(context);
        if (application is null || application.Status == ApplicationStatus.Returned) return null;
        var batch = await db.Batches.FindAsync(application.BatchId);
        return batch is null ? null : ChinaTime.StartOf(batch.ClosesOn.AddDays(1));
    }

    public async ValueTask CertifyAsync(CertificationContext context, int validityYears)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        if (await FindTitleContextAsync(context) is { } held)
        {
            // Re-evaluation: the renewed (or lower) title the officer confirmed replaces the one held.
            if (held.Status != TitleStatus.Valid)
                throw new CertificationHostException($"称号 {held.CertificateNumber} 已不再有效（{held.Status}），不能换发。");
            var review = await FindReEvaluationAsync(context, held);
            var tier = review?.OutcomeTier ?? review?.ProposedTier
                       ?? throw new CertificationHostException("复核未确认任何层级，不能换发称号。");
            var number = await db.NextCertificateNumberAsync(tier, today.Year);
            held.Supersede(tier == held.Tier ? "复核通过，换发新证" : "复核降级，换发较低层级称号");
            var renewed = Title.Issue(NewId(), held.EnterpriseId, held.ApplicationId, tier, number,
                review.CriteriaVersion ?? registry.InForceVersion(review.RegionCode), today, validityYears, now);
            db.Titles.Add(renewed);
            review.Renewed(renewed.Id, now);
            return;
        }

        var application = await RequireApplicationAsync(context);
        var certificate = await db.NextCertificateNumberAsync(application.Tier, today.Year);
        db.Titles.Add(Title.Issue(NewId(), application.EnterpriseId, application.Id, application.Tier, certificate,
            application.CriteriaVersion, today, validityYears, now));
        application.Certify(now);
    }

    /// <summary>
    /// Closes the application with the activity's reason (which names the stage) followed by what decided it: the
    /// reason of the last negative review decision since the latest submission, or the failed conditions.
    /// </summary>
    public async ValueTask RejectAsync(CertificationContext context, string? reason)
    {
        var application = await RequireApplicationAsync(context);
        var version = await db.LatestSubmissionAsync(application);
        var since = version?.SubmittedAt ?? DateTime.MinValue;
        var decision = (await db.DecisionsAsync(application.Id))
            .LastOrDefault(d => d.DecidedAt >= since && !string.IsNullOrWhiteSpace(d.Reason)
                                && d.Outcome is "Returned" or "Rejected" or "Failed" or "NotRecommended" or "ObjectionUpheld");
        string? detail = decision?.Reason;
        if (detail is null && version is not null && LifecycleData.ReadEvaluation(version.EvaluationJson) is { Eligible: false } evaluation)
            detail = string.Join("；", evaluation.Failed.Select(f => f.Reason));
        var text = (string.IsNullOrWhiteSpace(reason), string.IsNullOrWhiteSpace(detail)) switch
        {
            (false, false) => $"{reason!.Trim()}：{detail!.Trim()}",
            (false, true) => reason!.Trim(),
            (true, false) => detail!.Trim(),
            _ => "不予认定",
        };
        application.Reject(text.Length > 2000 ? text[..2000] : text, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// The data the enterprise submitted (or, without a re-evaluation row, its working profile) under the criteria
    /// version in force for its region today: the title's tier holds → Renewed; a lower tier holds → Downgraded; else
    /// Lapsed. The proposal and the evaluations are recorded on the re-evaluation for the officer who confirms it.
    /// </summary>
    public async ValueTask<ReEvaluationOutcome> ReEvaluateAsync(CertificationContext context)
    {
        var title = await RequireTitleAsync(context);
        var review = await FindReEvaluationAsync(context, title);
        var enterprise = await db.Enterprises.FindAsync(title.EnterpriseId)
                         ?? throw new CertificationHostException($"称号 {title.CertificateNumber} 的企业不存在。");
        var profile = review?.ProfileJson is { } frozen
            ? JsonSerializer.Deserialize<EnterpriseProfile>(frozen, CriteriaJson.Options) ?? enterprise.Profile
            : enterprise.Profile;
        var criteria = registry.InForce(enterprise.RegionCode);
        var judgement = TitleCheck.Judge(criteria, title, profile, await db.ValidTitlesAsync(enterprise.Id), ChinaTime.Today(clock));
        review?.Propose(criteria.Version, JsonSerializer.Serialize(judgement.Evaluations, CriteriaJson.Options), judgement.Outcome, judgement.Tier);
        return Enum.Parse<ReEvaluationOutcome>(judgement.Outcome);
    }

    /// <summary>
    /// A re-evaluation instance: revokes its title. A change-report instance: revokes every valid title of the
    /// enterprise, with the officer's reason recorded on the report.
    /// </summary>
    public async ValueTask RevokeAsync(CertificationContext context, string? reason)
    {
        if (InputText(context, "changeReportId") is { } reportId)
        {
            var report = await db.ChangeReports.FindAsync(reportId)
                         ?? throw new CertificationHostException($"重大变化报告 {reportId} 不存在。");
            var text = Clip($"{(string.IsNullOrWhiteSpace(reason) ? "重大变化复核未通过" : reason.Trim())}：{report.DecisionReason}", 500);
            foreach (var held in await db.ValidTitlesAsync(report.EnterpriseId)) held.Revoke(text, ChinaTime.Today(clock));
            return;
        }
        var title = await RequireTitleAsync(context);
        title.Revoke(string.IsNullOrWhiteSpace(reason) ? "撤销称号" : reason.Trim(), ChinaTime.Today(clock));
    }

    /// <summary>The title stays valid to its end date and is not renewed; its re-evaluation closes as lapsed.</summary>
    public async ValueTask LapseAsync(CertificationContext context, string? reason)
    {
        var title = await RequireTitleAsync(context);
        var text = string.IsNullOrWhiteSpace(reason) ? "不予续期" : reason.Trim();
        title.MarkNotRenewed(Clip($"{text}，称号于 {title.ValidUntil:yyyy-MM-dd} 届满失效", 500));
        (await FindReEvaluationAsync(context, title))?.Lapsed(text, clock.GetUtcNow().UtcDateTime);
    }

    public async ValueTask<HumanTaskSpec> PrepareTaskAsync(CertificationContext context, HumanTaskSpec task)
    {
        var application = await FindApplicationAsync(context);
        if (application is null)
        {
            if (task.Role == LifecycleData.ExpertPanelRole)
                throw new CertificationHostException("找不到流程对应的申请，无法组建专家组。");
            return task;
        }

        var stage = StageOf(context.ActivityType);
        if (stage is not null && application.Status != stage && application.IsOpen) application.MoveTo(stage);
        task = task with { Region = application.RegionCode };
        if (task.Role != LifecycleData.ExpertPanelRole) return task;

        var taskId = task.Id ?? throw new CertificationHostException("专家评审任务缺少任务编号，无法组建专家组。");
        var requested = task.Data?["panelSize"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
        var size = requested > 0 ? requested : PanelDrawRequest.DefaultPanelSize(application.Tier);
        var seating = await ExpertPanels.SeatAsync(db, application, taskId, size, clock.GetUtcNow().UtcDateTime);
        var data = task.Data is null ? new JsonObject() : (JsonObject)task.Data.DeepClone();
        data["panelSize"] = size;
        data["seated"] = seating.Seated;
        data["panelSeed"] = LifecycleData.PanelSeed(application.Id).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (seating.Shortfall is not null) data["shortfall"] = seating.Shortfall;
        return task with { Data = data };
    }

    private static string? StageOf(string activityType) => activityType switch
    {
        "Certification.PreliminaryReview" => ApplicationStatus.PreliminaryReview,
        "Certification.FormalReview" => ApplicationStatus.FormalReview,
        "Certification.ExpertScoring" => ApplicationStatus.ExpertReview,
        "Certification.SpotCheck" => ApplicationStatus.SpotCheck,
        "Certification.Recommend" => ApplicationStatus.Recommendation,
        "Certification.Publicity" => ApplicationStatus.Publicity,
        _ => null,
    };

    private async Task<Application?> FindApplicationAsync(CertificationContext context)
    {
        var id = context.ApplicationId ?? context.CorrelationId ?? context.Input["applicationId"]?.GetValueKind() switch
        {
            JsonValueKind.String => context.Input["applicationId"]!.GetValue<string>(),
            _ => null,
        };
        return string.IsNullOrEmpty(id) ? null : await db.Applications.FindAsync(id);
    }

    private async Task<Application> RequireApplicationAsync(CertificationContext context) =>
        await FindApplicationAsync(context)
        ?? throw new CertificationHostException("找不到流程对应的申请（applicationId）。");

    private async Task<Batch> RequireBatchAsync(Application application) =>
        await db.Batches.FindAsync(application.BatchId)
        ?? throw new CertificationHostException($"申请 {application.Id} 的批次 {application.BatchId} 不存在。");

    /// <summary>The title a re-evaluation instance is about: input <c>titleId</c>; null for a certification instance.</summary>
    private async Task<Title?> FindTitleContextAsync(CertificationContext context)
    {
        var titleId = context.Input["titleId"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        if (!string.IsNullOrEmpty(titleId)) return await db.Titles.FindAsync(titleId);
        if (context.DefinitionId != "re-evaluation") return null;
        var application = await FindApplicationAsync(context);
        return application is null ? null
            : await db.Titles.Where(t => t.ApplicationId == application.Id && t.Status == TitleStatus.Valid)
                .OrderByDescending(t => t.IssuedOn).FirstOrDefaultAsync();
    }

    private async Task<Title> RequireTitleAsync(CertificationContext context)
    {
        if (await FindTitleContextAsync(context) is { } title) return title;
        var application = await FindApplicationAsync(context);
        if (application is not null
            && await db.Titles.Where(t => t.ApplicationId == application.Id).OrderByDescending(t => t.IssuedOn).FirstOrDefaultAsync() is { } issued)
            return issued;
        throw new CertificationHostException("找不到流程对应的称号（titleId）。");
    }

    /// <summary>The re-evaluation row of the instance (input <c>reEvaluationId</c>), else the one of the title.</summary>
    private async Task<ReEvaluation?> FindReEvaluationAsync(CertificationContext context, Title title)
    {
        if (InputText(context, "reEvaluationId") is { } id) return await db.ReEvaluations.FindAsync(id);
        return db.ReEvaluations.Local.FirstOrDefault(r => r.TitleId == title.Id)
               ?? await db.ReEvaluations.FirstOrDefaultAsync(r => r.TitleId == title.Id);
    }

    private static string? InputText(CertificationContext context, string name) =>
        context.Input[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    private static string NewId() => Guid.CreateVersion7().ToString("D");
}
