using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Certification.Workflows.Persistence.Migrations;

/// <summary>
/// Hand-written (the EF Core design-time package cannot be restored from our feed) and provider-neutral:
/// column types come from each provider's mapping of the CLR type, so SQLite and PostgreSQL share it.
/// MigrationsMatchModelTests proves the result equals the model.
/// </summary>
[DbContext(typeof(CertificationDbContext))]
[Migration("20261122000000_WorkflowRuntime")]
public sealed class WorkflowRuntime : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "WorkflowDefinitions",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 100, nullable: false),
                DefinitionId = t.Column<string>(maxLength: 100, nullable: false),
                Version = t.Column<int>(nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                IsPublished = t.Column<bool>(nullable: false),
                IsLatest = t.Column<bool>(nullable: false),
                Json = t.Column<string>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                PublishedAt = t.Column<DateTime>(nullable: true),
                RetractedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_WorkflowDefinitions", x => x.Id));
        b.CreateIndex("IX_WorkflowDefinitions_DefinitionId_Version", "WorkflowDefinitions", ["DefinitionId", "Version"], unique: true);

        b.CreateTable(
            name: "WorkflowInstances",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                DefinitionId = t.Column<string>(maxLength: 100, nullable: false),
                DefinitionVersion = t.Column<int>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                CorrelationId = t.Column<string>(maxLength: 64, nullable: true),
                StateJson = t.Column<string>(nullable: false),
                JournalCount = t.Column<int>(nullable: false),
                Revision = t.Column<int>(nullable: false),
                FaultMessage = t.Column<string>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_WorkflowInstances", x => x.Id));
        b.CreateIndex("IX_WorkflowInstances_CorrelationId", "WorkflowInstances", "CorrelationId");
        b.CreateIndex("IX_WorkflowInstances_Status", "WorkflowInstances", "Status");

        b.CreateTable(
            name: "Bookmarks",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                InstanceId = t.Column<string>(maxLength: 64, nullable: false),
                ActivityId = t.Column<string>(maxLength: 100, nullable: false),
                Kind = t.Column<string>(maxLength: 10, nullable: false),
                EventName = t.Column<string>(maxLength: 100, nullable: true),
                DueAt = t.Column<DateTime>(nullable: true),
                LeaseOwner = t.Column<string>(maxLength: 64, nullable: true),
                LeaseUntil = t.Column<DateTime>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Bookmarks", x => x.Id));
        b.CreateIndex("IX_Bookmarks_InstanceId", "Bookmarks", "InstanceId");
        b.CreateIndex("IX_Bookmarks_Kind_DueAt", "Bookmarks", ["Kind", "DueAt"]);
        b.CreateIndex("IX_Bookmarks_EventName", "Bookmarks", "EventName");

        b.CreateTable(
            name: "HumanTasks",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                InstanceId = t.Column<string>(maxLength: 64, nullable: false),
                ActivityId = t.Column<string>(maxLength: 100, nullable: false),
                ActivityType = t.Column<string>(maxLength: 100, nullable: false),
                Title = t.Column<string>(maxLength: 200, nullable: false),
                Role = t.Column<string>(maxLength: 40, nullable: false),
                Region = t.Column<string>(maxLength: 12, nullable: true),
                Assignee = t.Column<string>(maxLength: 100, nullable: true),
                FormKey = t.Column<string>(maxLength: 100, nullable: true),
                CorrelationId = t.Column<string>(maxLength: 64, nullable: true),
                DueAt = t.Column<DateTime>(nullable: true),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                Outcome = t.Column<string>(maxLength: 40, nullable: true),
                CompletedBy = t.Column<string>(maxLength: 100, nullable: true),
                CompletedAt = t.Column<DateTime>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_HumanTasks", x => x.Id));
        b.CreateIndex("IX_HumanTasks_Status_Role_Region", "HumanTasks", ["Status", "Role", "Region"]);
        b.CreateIndex("IX_HumanTasks_Assignee_Status", "HumanTasks", ["Assignee", "Status"]);
        b.CreateIndex("IX_HumanTasks_InstanceId", "HumanTasks", "InstanceId");

        b.CreateTable(
            name: "JournalEntries",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                InstanceId = t.Column<string>(maxLength: 64, nullable: false),
                Sequence = t.Column<int>(nullable: false),
                ActivityId = t.Column<string>(maxLength: 100, nullable: false),
                ActivityType = t.Column<string>(maxLength: 100, nullable: false),
                ActivityName = t.Column<string>(maxLength: 200, nullable: true),
                Outcome = t.Column<string>(maxLength: 40, nullable: true),
                Actor = t.Column<string>(maxLength: 100, nullable: true),
                At = t.Column<DateTime>(nullable: false),
                Message = t.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_JournalEntries", x => x.Id));
        b.CreateIndex("IX_JournalEntries_InstanceId_Sequence", "JournalEntries", ["InstanceId", "Sequence"], unique: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("JournalEntries");
        b.DropTable("HumanTasks");
        b.DropTable("Bookmarks");
        b.DropTable("WorkflowInstances");
        b.DropTable("WorkflowDefinitions");
    }
}
