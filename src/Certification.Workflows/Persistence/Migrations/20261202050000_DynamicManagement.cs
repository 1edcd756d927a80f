using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Certification.Workflows.Persistence.Migrations;

/// <summary>
/// Dynamic management: re-evaluations of titles, major-change reports, annual data updates, and the register of
/// criteria versions (drafts, published versions). Hand-written and provider-neutral like the others;
/// MigrationsMatchModelTests checks it.
/// </summary>
[DbContext(typeof(CertificationDbContext))]
[Migration("20261202050000_DynamicManagement")]
public sealed class DynamicManagement : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "ReEvaluations",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                TitleId = t.Column<string>(maxLength: 64, nullable: false),
                EnterpriseId = t.Column<string>(maxLength: 64, nullable: false),
                RegionCode = t.Column<string>(maxLength: 6, nullable: false),
                Tier = t.Column<string>(maxLength: 40, nullable: false),
                TitleValidUntil = t.Column<DateOnly>(nullable: false),
                Status = t.Column<string>(maxLength: 30, nullable: false),
                WorkflowInstanceId = t.Column<string>(maxLength: 64, nullable: true),
                OpenedAt = t.Column<DateTime>(nullable: false),
                SubmittedAt = t.Column<DateTime>(nullable: true),
                SubmittedBy = t.Column<string>(maxLength: 100, nullable: true),
                ProfileJson = t.Column<string>(nullable: true),
                CriteriaVersion = t.Column<string>(maxLength: 60, nullable: true),
                EvaluationsJson = t.Column<string>(nullable: true),
                ProposedOutcome = t.Column<string>(maxLength: 20, nullable: true),
                ProposedTier = t.Column<string>(maxLength: 40, nullable: true),
                Outcome = t.Column<string>(maxLength: 20, nullable: true),
                OutcomeTier = t.Column<string>(maxLength: 40, nullable: true),
                DecidedBy = t.Column<string>(maxLength: 100, nullable: true),
                DecidedAt = t.Column<DateTime>(nullable: true),
                Reason = t.Column<string>(maxLength: 2000, nullable: true),
                NewTitleId = t.Column<string>(maxLength: 64, nullable: true),
                ClosedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_ReEvaluations", x => x.Id));
        b.CreateIndex("IX_ReEvaluations_TitleId", "ReEvaluations", "TitleId", unique: true);
        b.CreateIndex("IX_ReEvaluations_Status_RegionCode", "ReEvaluations", ["Status", "RegionCode"]);
        b.CreateIndex("IX_ReEvaluations_EnterpriseId", "ReEvaluations", "EnterpriseId");

        b.CreateTable(
            name: "ChangeReports",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                EnterpriseId = t.Column<string>(maxLength: 64, nullable: false),
                RegionCode = t.Column<string>(maxLength: 6, nullable: false),
                Kind = t.Column<string>(maxLength: 40, nullable: false),
                ChangedOn = t.Column<DateOnly>(nullable: false),
                DueBy = t.Column<DateOnly>(nullable: false),
                ReportedOn = t.Column<DateOnly>(nullable: false),
                Late = t.Column<bool>(nullable: false),
                Description = t.Column<string>(maxLength: 2000, nullable: false),
                ReportedBy = t.Column<string>(maxLength: 100, nullable: false),
                ReportedAt = t.Column<DateTime>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                WorkflowInstanceId = t.Column<string>(maxLength: 64, nullable: true),
                Decision = t.Column<string>(maxLength: 20, nullable: true),
                DecisionReason = t.Column<string>(maxLength: 2000, nullable: true),
                DecidedBy = t.Column<string>(maxLength: 100, nullable: true),
                DecidedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_ChangeReports", x => x.Id));
        b.CreateIndex("IX_ChangeReports_EnterpriseId", "ChangeReports", "EnterpriseId");
        b.CreateIndex("IX_ChangeReports_Status_RegionCode", "ChangeReports", ["Status", "RegionCode"]);

        b.CreateTable(
            name: "AnnualUpdates",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                EnterpriseId = t.Column<string>(maxLength: 64, nullable: false),
                RegionCode = t.Column<string>(maxLength: 6, nullable: false),
                Year = t.Column<int>(nullable: false),
                ProfileJson = t.Column<string>(nullable: false),
                CriteriaVersion = t.Column<string>(maxLength: 60, nullable: false),
                ResultsJson = t.Column<string>(nullable: false),
                Flagged = t.Column<bool>(nullable: false),
                Current = t.Column<bool>(nullable: false),
                SubmittedBy = t.Column<string>(maxLength: 100, nullable: false),
                SubmittedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AnnualUpdates", x => x.Id));
        b.CreateIndex("IX_AnnualUpdates_EnterpriseId_SubmittedAt", "AnnualUpdates", ["EnterpriseId", "SubmittedAt"]);
        b.CreateIndex("IX_AnnualUpdates_Current_Flagged_RegionCode", "AnnualUpdates", ["Current", "Flagged", "RegionCode"]);

        b.CreateTable(
            name: "CriteriaVersions",
            columns: t => new
            {
                Version = t.Column<string>(maxLength: 60, nullable: false),
                Title = t.Column<string>(maxLength: 200, nullable: false),
                RegionPrefix = t.Column<string>(maxLength: 6, nullable: false),
                Extends = t.Column<string>(maxLength: 60, nullable: true),
                Json = t.Column<string>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                BuiltIn = t.Column<bool>(nullable: false),
                CreatedBy = t.Column<string>(maxLength: 100, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                PublishedBy = t.Column<string>(maxLength: 100, nullable: true),
                PublishedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_CriteriaVersions", x => x.Version));
        b.CreateIndex("IX_CriteriaVersions_Status_PublishedAt", "CriteriaVersions", ["Status", "PublishedAt"]);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("CriteriaVersions");
        b.DropTable("AnnualUpdates");
        b.DropTable("ChangeReports");
        b.DropTable("ReEvaluations");
    }
}
