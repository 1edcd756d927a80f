namespace Certification.Domain.Applications;

/// <summary>
/// One enterprise's application for one tier in one batch. Drafts are edited freely; a submission freezes the
/// enterprise's profile into a new <see cref="ApplicationVersion"/> (a return for correction and a resubmission add
/// another), so a later profile edit never changes what the reviewers saw.
/// </summary>
public sealed class Application
{
    private Application() { }

    public string Id { get; private set; } = "";
    public string EnterpriseId { get; private set; } = "";
    public string BatchId { get; private set; } = "";
    public string Tier { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string CriteriaVersion { get; private set; } = "";
    public string Status { get; private set; } = ApplicationStatus.Draft;
    public string? WorkflowInstanceId { get; private set; }
    public int CurrentVersion { get; private set; }
    /// <summary>Self-assessment score of the latest submission (null for little giant, which has no score).</summary>
    public decimal? SelfAssessmentScore { get; private set; }
    public bool? Eligible { get; private set; }
    public decimal? ExpertScore { get; private set; }
    public DateTime? PublicityEndsAt { get; private set; }
    public string? DecisionReason { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public int Revision { get; private set; }

    public static Application Draft(string id, string enterpriseId, string batchId, string tier, string regionCode, string criteriaVersion, DateTime now) =>
        new()
        {
            Id = id, EnterpriseId = enterpriseId, BatchId = batchId, Tier = tier, RegionCode = regionCode,
            CriteriaVersion = criteriaVersion, Status = ApplicationStatus.Draft, CreatedAt = now,
        };

    public bool IsOpen => ApplicationStatus.IsOpen(Status);
    public bool CanBeSubmitted => Status is ApplicationStatus.Draft or ApplicationStatus.Returned;

    /// <summary>Documents are added or removed only while the applicant holds the dossier (draft, or returned for correction).</summary>
    private void EnsureDossierEditable()
    {
        if (!CanBeSubmitted)
            throw new DomainStateException($"申请当前状态为“{ApplicationStatus.Label(Status)}”，只有草稿或退回补正的申请才能修改材料。");
    }

    /// <summary>
    /// A document is added or removed. The revision moves with it, so a submission that read the dossier before this
    /// change fails when it saves (the revision is its concurrency token) instead of freezing a list that no longer holds.
    /// </summary>
    public void ChangeDossier()
    {
        EnsureDossierEditable();
        Touch();
    }

    /// <summary>
    /// Freezes a profile as the next version, with its evaluation and the list of documents it was submitted with.
    /// The caller has checked the batch window and prerequisites.
    /// </summary>
    public ApplicationVersion Submit(string profileJson, string evaluationJson, bool eligible, decimal? score, string submittedBy, DateTime now,
        string documentsJson = "[]")
    {
        if (!CanBeSubmitted)
            throw new DomainStateException($"申请当前状态为“{ApplicationStatus.Label(Status)}”，不能提交。");
        CurrentVersion++;
        Status = ApplicationStatus.Submitted;
        SubmittedAt = now;
        Eligible = eligible;
        SelfAssessmentScore = score;
        Touch();
        return new ApplicationVersion(Id, CurrentVersion, profileJson, evaluationJson, submittedBy, now, documentsJson);
    }

    public void MoveTo(string status)
    {
        Status = status;
        Touch();
    }

    public void ReturnForCorrection(string reason)
    {
        Status = ApplicationStatus.Returned;
        DecisionReason = reason;
        Touch();
    }

    public void StartPublicity(DateTime endsAt)
    {
        Status = ApplicationStatus.Publicity;
        PublicityEndsAt = endsAt;
        Touch();
    }

    public void RecordExpertScore(decimal score)
    {
        ExpertScore = score;
        Touch();
    }

    public void Certify(DateTime now)
    {
        Status = ApplicationStatus.Certified;
        DecidedAt = now;
        DecisionReason = null;
        Touch();
    }

    public void Reject(string reason, DateTime now)
    {
        Status = ApplicationStatus.Rejected;
        DecisionReason = reason;
        DecidedAt = now;
        Touch();
    }

    public void Withdraw(DateTime now)
    {
        Status = ApplicationStatus.Withdrawn;
        DecidedAt = now;
        Touch();
    }

    public void AttachWorkflow(string instanceId) => WorkflowInstanceId = instanceId;

    private void Touch() => Revision++;
}

/// <summary>A frozen submission: the profile as submitted and its evaluation, never changed afterwards.</summary>
public sealed class ApplicationVersion
{
    private ApplicationVersion() { }

    public ApplicationVersion(string applicationId, int version, string profileJson, string evaluationJson, string submittedBy, DateTime submittedAt,
        string documentsJson = "[]")
    {
        ApplicationId = applicationId;
        Version = version;
        ProfileJson = profileJson;
        EvaluationJson = evaluationJson;
        SubmittedBy = submittedBy;
        SubmittedAt = submittedAt;
        DocumentsJson = documentsJson;
    }

    public long Id { get; private set; }
    public string ApplicationId { get; private set; } = "";
    public int Version { get; private set; }
    public string ProfileJson { get; private set; } = "{}";
    public string EvaluationJson { get; private set; } = "{}";
    /// <summary>The documents the version was submitted with (id, item, name, type, size, SHA-256); their content stays stored by hash.</summary>
    public string DocumentsJson { get; private set; } = "[]";
    public string SubmittedBy { get; private set; } = "";
    public DateTime SubmittedAt { get; private set; }
}

/// <summary>An officer's decision at a review stage, with the reasons the applicant reads.</summary>
public sealed class ReviewDecision
{
    private ReviewDecision() { }

    public ReviewDecision(string applicationId, string stage, string outcome, string? reason, string decidedBy, DateTime decidedAt)
    {
        ApplicationId = applicationId;
        Stage = stage;
        Outcome = outcome;
        Reason = reason;
        DecidedBy = decidedBy;
        DecidedAt = decidedAt;
    }

    public long Id { get; private set; }
    public string ApplicationId { get; private set; } = "";
    public string Stage { get; private set; } = "";
    public string Outcome { get; private set; } = "";
    public string? Reason { get; private set; }
    public string DecidedBy { get; private set; } = "";
    public DateTime DecidedAt { get; private set; }
}
