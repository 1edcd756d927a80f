using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Certification.Workflows.Persistence.Migrations;

/// <summary>
/// The certification lifecycle: enterprises, batches, applications and their frozen versions, review decisions,
/// documents (content stored once by hash), the expert pool and panel seats, objections and titles.
/// Hand-written and provider-neutral like the first migration; MigrationsMatchModelTests checks it.
/// </summary>
[DbContext(typeof(CertificationDbContext))]
[Migration("20261122010000_Lifecycle")]
public sealed class Lifecycle : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "Enterprises",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                CreditCode = t.Column<string>(maxLength: 18, nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                RegionCode = t.Column<string>(maxLength: 6, nullable: false),
                ContactName = t.Column<string>(maxLength: 50, nullable: true),
                ContactPhone = t.Column<string>(maxLength: 30, nullable: true),
                ContactEmail = t.Column<string>(maxLength: 100, nullable: true),
                ProfileJson = t.Column<string>(nullable: false),
                ReapplyBannedUntil = t.Column<DateOnly>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Revision = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Enterprises", x => x.Id));
        b.CreateIndex("IX_Enterprises_CreditCode", "Enterprises", "CreditCode", unique: true);
        b.CreateIndex("IX_Enterprises_RegionCode", "Enterprises", "RegionCode");

        b.CreateTable(
            name: "Batches",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                Tier = t.Column<string>(maxLength: 40, nullable: false),
                RegionPrefix = t.Column<string>(maxLength: 6, nullable: false),
                OpensOn = t.Column<DateOnly>(nullable: false),
                ClosesOn = t.Column<DateOnly>(nullable: false),
                CriteriaVersion = t.Column<string>(maxLength: 60, nullable: false),
                PublicityWorkingDays = t.Column<int>(nullable: false),
                SpotCheckShare = t.Column<decimal>(precision: 5, scale: 4, nullable: false),
                RecommendationQuota = t.Column<int>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Batches", x => x.Id));
        b.CreateIndex("IX_Batches_Tier_RegionPrefix", "Batches", ["Tier", "RegionPrefix"]);

        b.CreateTable(
            name: "Applications",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                EnterpriseId = t.Column<string>(maxLength: 64, nullable: false),
                BatchId = t.Column<string>(maxLength: 64, nullable: false),
                Tier = t.Column<string>(maxLength: 40, nullable: false),
                RegionCode = t.Column<string>(maxLength: 6, nullable: false),
                CriteriaVersion = t.Column<string>(maxLength: 60, nullable: false),
                Status = t.Column<string>(maxLength: 30, nullable: false),
                WorkflowInstanceId = t.Column<string>(maxLength: 64, nullable: true),
                CurrentVersion = t.Column<int>(nullable: false),
                SelfAssessmentScore = t.Column<decimal>(precision: 7, scale: 2, nullable: true),
                Eligible = t.Column<bool>(nullable: true),
                ExpertScore = t.Column<decimal>(precision: 7, scale: 2, nullable: true),
                PublicityEndsAt = t.Column<DateTime>(nullable: true),
                DecisionReason = t.Column<string>(maxLength: 2000, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                SubmittedAt = t.Column<DateTime>(nullable: true),
                DecidedAt = t.Column<DateTime>(nullable: true),
                Revision = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Applications", x => x.Id));
        b.CreateIndex("IX_Applications_EnterpriseId_Tier", "Applications", ["EnterpriseId", "Tier"]);
        b.CreateIndex("IX_Applications_BatchId_Status", "Applications", ["BatchId", "Status"]);
        b.CreateIndex("IX_Applications_Status_RegionCode", "Applications", ["Status", "RegionCode"]);

        b.CreateTable(
            name: "ApplicationVersions",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ApplicationId = t.Column<string>(maxLength: 64, nullable: false),
                Version = t.Column<int>(nullable: false),
                ProfileJson = t.Column<string>(nullable: false),
                EvaluationJson = t.Column<string>(nullable: false),
                SubmittedBy = t.Column<string>(maxLength: 100, nullable: false),
                SubmittedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_ApplicationVersions", x => x.Id));
        b.CreateIndex("IX_ApplicationVersions_ApplicationId_Version", "ApplicationVersions", ["ApplicationId", "Version"], unique: true);

        b.CreateTable(
            name: "ReviewDecisions",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ApplicationId = t.Column<string>(maxLength: 64, nullable: false),
                Stage = t.Column<string>(maxLength: 100, nullable: false),
                Outcome = t.Column<string>(maxLength: 40, nullable: false),
                Reason = t.Column<string>(maxLength: 2000, nullable: true),
                DecidedBy = t.Column<string>(maxLength: 100, nullable: false),
                DecidedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_ReviewDecisions", x => x.Id));
        b.CreateIndex("IX_ReviewDecisions_ApplicationId", "ReviewDecisions", "ApplicationId");

        b.CreateTable(
            name: "Documents",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                ApplicationId = t.Column<string>(maxLength: 64, nullable: false),
                Item = t.Column<string>(maxLength: 60, nullable: false),
                FileName = t.Column<string>(maxLength: 200, nullable: false),
                ContentType = t.Column<string>(maxLength: 100, nullable: false),
                Size = t.Column<long>(nullable: false),
                Sha256 = t.Column<string>(maxLength: 64, nullable: false),
                UploadedBy = t.Column<string>(maxLength: 100, nullable: false),
                UploadedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Documents", x => x.Id));
        b.CreateIndex("IX_Documents_ApplicationId", "Documents", "ApplicationId");

        b.CreateTable(
            name: "DocumentContents",
            columns: t => new
            {
                Sha256 = t.Column<string>(maxLength: 64, nullable: false),
                Bytes = t.Column<byte[]>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_DocumentContents", x => x.Sha256));

        b.CreateTable(
            name: "Experts",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                Name = t.Column<string>(maxLength: 50, nullable: false),
                RegionCode = t.Column<string>(maxLength: 6, nullable: false),
                FieldsJson = t.Column<string>(nullable: false),
                RelatedCreditCodesJson = t.Column<string>(nullable: false),
                EmployerCreditCode = t.Column<string>(maxLength: 18, nullable: true),
                IsActive = t.Column<bool>(nullable: false),
                UserName = t.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Experts", x => x.Id));
        b.CreateIndex("IX_Experts_UserName", "Experts", "UserName");

        b.CreateTable(
            name: "ExpertAssignments",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                ApplicationId = t.Column<string>(maxLength: 64, nullable: false),
                PanelTaskId = t.Column<string>(maxLength: 64, nullable: false),
                ExpertId = t.Column<string>(maxLength: 64, nullable: false),
                IsChair = t.Column<bool>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                DeclineReason = t.Column<string>(maxLength: 500, nullable: true),
                ScoreSheetJson = t.Column<string>(nullable: true),
                Total = t.Column<decimal>(precision: 7, scale: 2, nullable: true),
                AssignedAt = t.Column<DateTime>(nullable: false),
                SubmittedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_ExpertAssignments", x => x.Id));
        b.CreateIndex("IX_ExpertAssignments_PanelTaskId", "ExpertAssignments", "PanelTaskId");
        b.CreateIndex("IX_ExpertAssignments_ExpertId_Status", "ExpertAssignments", ["ExpertId", "Status"]);

        b.CreateTable(
            name: "Objections",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                ApplicationId = t.Column<string>(maxLength: 64, nullable: false),
                ContactName = t.Column<string>(maxLength: 50, nullable: false),
                ContactPhone = t.Column<string>(maxLength: 30, nullable: false),
                Content = t.Column<string>(maxLength: 2000, nullable: false),
                LodgedAt = t.Column<DateTime>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                Resolution = t.Column<string>(maxLength: 2000, nullable: true),
                ResolvedBy = t.Column<string>(maxLength: 100, nullable: true),
                ResolvedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_Objections", x => x.Id));
        b.CreateIndex("IX_Objections_ApplicationId_Status", "Objections", ["ApplicationId", "Status"]);

        b.CreateTable(
            name: "Titles",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                EnterpriseId = t.Column<string>(maxLength: 64, nullable: false),
                ApplicationId = t.Column<string>(maxLength: 64, nullable: true),
                Tier = t.Column<string>(maxLength: 40, nullable: false),
                CertificateNumber = t.Column<string>(maxLength: 40, nullable: false),
                CriteriaVersion = t.Column<string>(maxLength: 60, nullable: false),
                IssuedOn = t.Column<DateOnly>(nullable: false),
                ValidUntil = t.Column<DateOnly>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                StatusReason = t.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Titles", x => x.Id));
        b.CreateIndex("IX_Titles_CertificateNumber", "Titles", "CertificateNumber", unique: true);
        b.CreateIndex("IX_Titles_EnterpriseId_Tier", "Titles", ["EnterpriseId", "Tier"]);
        b.CreateIndex("IX_Titles_Tier_Status_ValidUntil", "Titles", ["Tier", "Status", "ValidUntil"]);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("Titles");
        b.DropTable("Objections");
        b.DropTable("ExpertAssignments");
        b.DropTable("Experts");
        b.DropTable("DocumentContents");
        b.DropTable("Documents");
        b.DropTable("ReviewDecisions");
        b.DropTable("ApplicationVersions");
        b.DropTable("Applications");
        b.DropTable("Batches");
        b.DropTable("Enterprises");
    }
}
