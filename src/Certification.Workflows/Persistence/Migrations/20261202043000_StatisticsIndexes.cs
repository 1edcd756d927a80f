using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Certification.Workflows.Persistence.Migrations;

/// <summary>
/// Indexes for the statistics and exports on large tables: the funnel asks, per application, whether a review task of
/// a stage was ever opened (HumanTasks by correlation and activity type); expiring titles range over valid terms;
/// the approved list is read in issue order. Hand-written and provider-neutral like the others.
/// </summary>
[DbContext(typeof(CertificationDbContext))]
[Migration("20261202043000_StatisticsIndexes")]
public sealed class StatisticsIndexes : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateIndex(name: "IX_HumanTasks_CorrelationId_ActivityType", table: "HumanTasks", columns: ["CorrelationId", "ActivityType"]);
        b.CreateIndex(name: "IX_Titles_Status_ValidUntil", table: "Titles", columns: ["Status", "ValidUntil"]);
        b.CreateIndex(name: "IX_Titles_IssuedOn_CertificateNumber", table: "Titles", columns: ["IssuedOn", "CertificateNumber"]);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropIndex(name: "IX_HumanTasks_CorrelationId_ActivityType", table: "HumanTasks");
        b.DropIndex(name: "IX_Titles_Status_ValidUntil", table: "Titles");
        b.DropIndex(name: "IX_Titles_IssuedOn_CertificateNumber", table: "Titles");
    }
}
