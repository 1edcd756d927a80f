using Certification.Domain.Applications;
using Certification.Domain.Batches;
using Certification.Domain.Documents;
using Certification.Domain.Enterprises;
using Certification.Domain.Publicity;
using Certification.Domain.Review;
using Certification.Domain.Titles;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Persistence;

public sealed class CertificationDbContext(DbContextOptions<CertificationDbContext> options) : DbContext(options)
{
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
            e.HasIndex(x => new { x.Tier, x.Status, x.ValidUntil });
        });
    }
}
