using Certification.Domain.Applications;
using Certification.Domain.Batches;
using Certification.Domain.Documents;
using Certification.Domain.Dynamic;
using Certification.Domain.Enterprises;
using Certification.Domain.Publicity;
using Certification.Domain.Review;
using Certification.Domain.Titles;
using Certification.Workflows.Audit;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Persistence;

/// <remarks>
/// Contexts are pooled (<see cref="CertificationServices"/>): a scope leases one and hands it back when it ends, so
/// its internal services are built once, not at every request or step.
/// </remarks>
public sealed class CertificationDbContext(DbContextOptions<CertificationDbContext> options) : DbContext(options)
{
    /// <summary>
    /// The audit trail of the scope that leased this context, set at each lease; without one (tools and tests building
    /// a context by hand) nothing is audited.
    /// </summary>
    public AuditTrail? Audit { get; internal set; }

    /// <summary>Sees the workflow runtime's plain commands (the benchmark's profile), set at each lease like <see cref="Audit"/>.</summary>
    internal Runtime.IRawCommandObserver? RawCommands { get; set; }

    /// <summary>The runtime's own rows, written without the change tracker (see <see cref="Runtime.StepStore"/>).</summary>
    internal Runtime.StepStore Steps => _steps ??= new Runtime.StepStore(this);
    private Runtime.StepStore? _steps;

    /// <summary>
    /// The workflow instance row last read in this unit of work (untracked): a handler that reads a task's spec and then
    /// resumes the task reads the row once, as a tracked Find did. Forgotten when the context is handed back.
    /// </summary>
    internal WorkflowInstanceRecord? StepInstance { get; set; }

    /// <summary>The instance row, from <see cref="StepInstance"/> when that is the one, else read (and kept).</summary>
    internal async Task<WorkflowInstanceRecord?> StepInstanceAsync(string id, CancellationToken ct)
    {
        if (KnownInstance(id) is { } known) return known;
        var read = await Steps.ReadInstanceAsync(id, ct);
        if (read is not null) StepInstance = read;
        return read;
    }

    /// <summary>The instance row already in memory: <see cref="StepInstance"/> when it is that instance.</summary>
    internal WorkflowInstanceRecord? KnownInstance(string id) => StepInstance is { } known && known.Id == id ? known : null;

    /// <summary>
    /// A handler that read an instance row tracked, with its task in the same query, hands it to the runtime here:
    /// untracked, since the runtime writes that row itself and a tracked copy would be saved again with a stale revision.
    /// </summary>
    internal void HandOverInstance(WorkflowInstanceRecord instance)
    {
        Entry(instance).State = EntityState.Detached;
        StepInstance = instance;
    }

    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();
    public DbSet<WorkflowInstanceRecord> WorkflowInstances => Set<WorkflowInstanceRecord>();
    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();
    public DbSet<HumanTaskRecord> HumanTasks => Set<HumanTaskRecord>();
    public DbSet<JournalEntryRecord> JournalEntries => Set<JournalEntryRecord>();

    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Batch> Batches => Set<Batch>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationVersion> ApplicationVersions => Set<ApplicationVersion>();
    public DbSet<ReviewDecision> ReviewDecisions => Set<ReviewDecision>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();
    public DbSet<ExpertRecord> Experts => Set<ExpertRecord>();
    public DbSet<ExpertAssignment> ExpertAssignments => Set<ExpertAssignment>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<Title> Titles => Set<Title>();
    public DbSet<ReEvaluation> ReEvaluations => Set<ReEvaluation>();
    public DbSet<ChangeReport> ChangeReports => Set<ChangeReport>();
    public DbSet<AnnualUpdate> AnnualUpdates => Set<AnnualUpdate>();
    public DbSet<CriteriaVersionEntry> CriteriaVersions => Set<CriteriaVersionEntry>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    /// <summary>
    /// Saves and stages the written rows for the audit log. Without a transaction of the caller's, one is opened here so
    /// that the rows and their audit entry (appended when it commits, see <see cref="AuditCommitInterceptor"/>) are one
    /// commit; inside the caller's transaction the entry is appended when the caller commits.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_lockedTransaction is { } locked) return await SaveInLockedTransactionAsync(locked, acceptAllChangesOnSuccess, cancellationToken);
        if (Audit is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        ChangeTracker.DetectChanges();
        var rows = Audit.Capture(ChangeTracker);
        if (rows is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        if (Database.CurrentTransaction is not null)
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            Audit.Stage(rows);
            return written;
        }

        // Changes are accepted only after the commit: if the audit append or the commit fails, the tracked rows still
        // say what was not saved, as after any failed SaveChanges.
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            Audit.Stage(rows);
            await transaction.CommitAsync(cancellationToken);
            if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
            return count;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _lockedTransaction;

    /// <summary>
    /// Serialises, across every host on one PostgreSQL database, the units of work that read a value and then write
    /// it under a unique index (the next certificate number): takes a transaction-level advisory lock on
    /// <paramref name="key"/> before the read, beginning the transaction now if none is open; the next SaveChanges
    /// commits it (and its audit entry) as if it had begun it, and disposing the context rolls it back. Another host
    /// asking for the same key waits until this one commits, then reads what it committed. SQLite has one writer: no-op.
    /// </summary>
    public async Task LockUntilSavedAsync(long key, CancellationToken ct = default)
    {
        if (!Database.IsNpgsql()) return;
        if (Database.CurrentTransaction is null) _lockedTransaction = await Database.BeginTransactionAsync(ct);
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
    }

    private async Task<int> SaveInLockedTransactionAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        _lockedTransaction = null;
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        try
        {
            // Inside an open transaction SaveChanges saves and stages the audit entry; the commit appends it.
            var count = await SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            await transaction.CommitAsync(ct);
            return count;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
            await transaction.DisposeAsync();
        }
    }

    // A pooled context forgets the scope's audit trail and any transaction a failed step left open (rolled back here)
    // when handed back, so that no later lease writes under them.
    public override void Dispose()
    {
        Audit = null;
        RawCommands = null;
        StepInstance = null;
        _lockedTransaction?.Dispose();
        _lockedTransaction = null;
        base.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        Audit = null;
        RawCommands = null;
        StepInstance = null;
        if (_lockedTransaction is { } locked) await locked.DisposeAsync();
        _lockedTransaction = null;
        await base.DisposeAsync();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        Audit is null ? base.SaveChanges(acceptAllChangesOnSuccess) : SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<WorkflowDefinitionRecord>(e =>
        {
            e.ToTable("WorkflowDefinitions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.DefinitionId).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
        });

        model.Entity<WorkflowInstanceRecord>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.DefinitionId).HasMaxLength(100);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.CorrelationId).HasMaxLength(64);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => x.CorrelationId);
            e.HasIndex(x => x.Status);
        });

        model.Entity<BookmarkRecord>(e =>
        {
            e.ToTable("Bookmarks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(10);
            e.Property(x => x.EventName).HasMaxLength(100);
            e.Property(x => x.LeaseOwner).HasMaxLength(64);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => new { x.Kind, x.DueAt });
            e.HasIndex(x => x.EventName);
        });

        model.Entity<HumanTaskRecord>(e =>
        {
            e.ToTable("HumanTasks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.ActivityType).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(40);
            e.Property(x => x.Region).HasMaxLength(12);
            e.Property(x => x.Assignee).HasMaxLength(100);
            e.Property(x => x.FormKey).HasMaxLength(100);
            e.Property(x => x.CorrelationId).HasMaxLength(64);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Outcome).HasMaxLength(40);
            e.Property(x => x.CompletedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.Status, x.Role, x.Region });
            e.HasIndex(x => new { x.Assignee, x.Status });
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => new { x.CorrelationId, x.ActivityType });
        });

        model.Entity<JournalEntryRecord>(e =>
        {
            e.ToTable("JournalEntries");
            e.HasKey(x => x.Id);
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.ActivityType).HasMaxLength(100);
            e.Property(x => x.ActivityName).HasMaxLength(200);
            e.Property(x => x.Outcome).HasMaxLength(40);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.Message).HasMaxLength(1000);
            e.HasIndex(x => new { x.InstanceId, x.Sequence }).IsUnique();
        });

        ConfigureLifecycle(model);
        ConfigureDynamic(model);
        ConfigureAudit(model);
    }

    private static void ConfigureAudit(ModelBuilder model)
    {
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.UserName).HasMaxLength(100);
            e.Property(x => x.Role).HasMaxLength(40);
            e.Property(x => x.ClientAddress).HasMaxLength(64);
            e.Property(x => x.Operation).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.UserName, x.Sequence });
            e.HasIndex(x => new { x.Operation, x.Sequence });
        });

        model.Entity<AuditHead>(e =>
        {
            e.ToTable("AuditHead");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.LastHash).HasMaxLength(64);
            e.HasData(new AuditHead { Id = AuditHead.SingletonId, LastSequence = 0, LastHash = AuditChain.Genesis });
        });
    }

    /// <summary>Dynamic management: re-evaluations, change reports, annual updates, the register of criteria versions.</summary>
    private static void ConfigureDynamic(ModelBuilder model)
    {
        model.Entity<ReEvaluation>(e =>
        {
            e.ToTable("ReEvaluations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.TitleId).HasMaxLength(64);
            e.Property(x => x.EnterpriseId).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.Tier).HasMaxLength(40);
            e.Property(x => x.Status).HasMaxLength(30);
            e.Property(x => x.WorkflowInstanceId).HasMaxLength(64);
            e.Property(x => x.SubmittedBy).HasMaxLength(100);
            e.Property(x => x.CriteriaVersion).HasMaxLength(60);
            e.Property(x => x.ProposedOutcome).HasMaxLength(20);
            e.Property(x => x.ProposedTier).HasMaxLength(40);
            e.Property(x => x.Outcome).HasMaxLength(20);
            e.Property(x => x.OutcomeTier).HasMaxLength(40);
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.NewTitleId).HasMaxLength(64);
            e.Ignore(x => x.IsOpen);
            // One re-evaluation per title: two sweeps racing to open it cannot both commit.
            e.HasIndex(x => x.TitleId).IsUnique();
            e.HasIndex(x => new { x.Status, x.RegionCode });
            e.HasIndex(x => x.EnterpriseId);
        });

        model.Entity<ChangeReport>(e =>
        {
            e.ToTable("ChangeReports");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.EnterpriseId).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.ReportedBy).HasMaxLength(100);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.WorkflowInstanceId).HasMaxLength(64);
            e.Property(x => x.Decision).HasMaxLength(20);
            e.Property(x => x.DecisionReason).HasMaxLength(2000);
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.HasIndex(x => x.EnterpriseId);
            e.HasIndex(x => new { x.Status, x.RegionCode });
        });

        model.Entity<AnnualUpdate>(e =>
        {
            e.ToTable("AnnualUpdates");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.EnterpriseId).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.CriteriaVersion).HasMaxLength(60);
            e.Property(x => x.SubmittedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.EnterpriseId, x.SubmittedAt });
            e.HasIndex(x => new { x.Current, x.Flagged, x.RegionCode });
        });

        model.Entity<CriteriaVersionEntry>(e =>
        {
            e.ToTable("CriteriaVersions");
            e.HasKey(x => x.Version);
            e.Property(x => x.Version).HasMaxLength(60);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.RegionPrefix).HasMaxLength(6);
            e.Property(x => x.Extends).HasMaxLength(60);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.Property(x => x.PublishedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.Status, x.PublishedAt });
        });
    }

    private static void ConfigureLifecycle(ModelBuilder model)
    {
        model.Entity<Enterprise>(e =>
        {
            e.ToTable("Enterprises");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.ContactName).HasMaxLength(50);
            e.Property(x => x.ContactPhone).HasMaxLength(30);
            e.Property(x => x.ContactEmail).HasMaxLength(100);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.Ignore(x => x.Profile);
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.HasIndex(x => x.RegionCode);
        });

        model.Entity<Batch>(e =>
        {
            e.ToTable("Batches");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Tier).HasMaxLength(40);
            e.Property(x => x.RegionPrefix).HasMaxLength(6);
            e.Property(x => x.CriteriaVersion).HasMaxLength(60);
            e.Property(x => x.SpotCheckShare).HasPrecision(5, 4);
            e.HasIndex(x => new { x.Tier, x.RegionPrefix });
        });

        model.Entity<Application>(e =>
        {
            e.ToTable("Applications");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.EnterpriseId).HasMaxLength(64);
            e.Property(x => x.BatchId).HasMaxLength(64);
            e.Property(x => x.Tier).HasMaxLength(40);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.CriteriaVersion).HasMaxLength(60);
            e.Property(x => x.Status).HasMaxLength(30);
            e.Property(x => x.WorkflowInstanceId).HasMaxLength(64);
            e.Property(x => x.SelfAssessmentScore).HasPrecision(7, 2);
            e.Property(x => x.ExpertScore).HasPrecision(7, 2);
            e.Property(x => x.DecisionReason).HasMaxLength(2000);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.Ignore(x => x.IsOpen);
            e.Ignore(x => x.CanBeSubmitted);
            e.HasIndex(x => new { x.EnterpriseId, x.Tier });
            e.HasIndex(x => new { x.BatchId, x.Status });
            e.HasIndex(x => new { x.Status, x.RegionCode });
        });

        model.Entity<ApplicationVersion>(e =>
        {
            e.ToTable("ApplicationVersions");
            e.HasKey(x => x.Id);
            e.Property(x => x.ApplicationId).HasMaxLength(64);
            e.Property(x => x.SubmittedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.ApplicationId, x.Version }).IsUnique();
        });

        model.Entity<ReviewDecision>(e =>
        {
            e.ToTable("ReviewDecisions");
            e.HasKey(x => x.Id);
            e.Property(x => x.ApplicationId).HasMaxLength(64);
            e.Property(x => x.Stage).HasMaxLength(100);
            e.Property(x => x.Outcome).HasMaxLength(40);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.HasIndex(x => x.ApplicationId);
        });

        model.Entity<Document>(e =>
        {
            e.ToTable("Documents");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.ApplicationId).HasMaxLength(64);
            e.Property(x => x.Item).HasMaxLength(60);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(100);
            e.HasIndex(x => x.ApplicationId);
        });

        model.Entity<DocumentContent>(e =>
        {
            e.ToTable("DocumentContents");
            e.HasKey(x => x.Sha256);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });

        model.Entity<ExpertRecord>(e =>
        {
            e.ToTable("Experts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.EmployerCreditCode).HasMaxLength(18);
            e.Property(x => x.UserName).HasMaxLength(100);
            e.Ignore(x => x.Fields);
            e.Ignore(x => x.RelatedCreditCodes);
            e.HasIndex(x => x.UserName);
        });

        model.Entity<ExpertAssignment>(e =>
        {
            e.ToTable("ExpertAssignments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.ApplicationId).HasMaxLength(64);
            e.Property(x => x.PanelTaskId).HasMaxLength(64);
            e.Property(x => x.ExpertId).HasMaxLength(64);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.DeclineReason).HasMaxLength(500);
            e.Property(x => x.Total).HasPrecision(7, 2);
            e.HasIndex(x => x.PanelTaskId);
            e.HasIndex(x => new { x.ExpertId, x.Status });
            e.HasIndex(x => x.ApplicationId);
        });

        model.Entity<Objection>(e =>
        {
            e.ToTable("Objections");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.ApplicationId).HasMaxLength(64);
            e.Property(x => x.ContactName).HasMaxLength(50);
            e.Property(x => x.ContactPhone).HasMaxLength(30);
            e.Property(x => x.Content).HasMaxLength(2000);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Resolution).HasMaxLength(2000);
            e.Property(x => x.ResolvedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.ApplicationId, x.Status });
        });

        model.Entity<Title>(e =>
        {
            e.ToTable("Titles");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.EnterpriseId).HasMaxLength(64);
            e.Property(x => x.ApplicationId).HasMaxLength(64);
            e.Property(x => x.Tier).HasMaxLength(40);
            e.Property(x => x.CertificateNumber).HasMaxLength(40);
            e.Property(x => x.CriteriaVersion).HasMaxLength(60);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.StatusReason).HasMaxLength(500);
            e.HasIndex(x => x.CertificateNumber).IsUnique();
            e.HasIndex(x => new { x.EnterpriseId, x.Tier });
            e.HasIndex(x => new { x.Status, x.ValidUntil });
            e.HasIndex(x => new { x.IssuedOn, x.CertificateNumber });
            e.HasIndex(x => new { x.Tier, x.Status, x.ValidUntil });
        });
    }
}
