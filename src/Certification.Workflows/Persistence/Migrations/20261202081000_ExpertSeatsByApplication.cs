using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Certification.Workflows.Persistence.Migrations;

/// <summary>
/// Seats are read by application at every panel step (seating, each score sheet, a conflict declared); without this
/// index each read scanned every seat ever assigned, so a batch cost O(N²) and slowed as the register grew.
/// </summary>
[DbContext(typeof(CertificationDbContext))]
[Migration("20261202081000_ExpertSeatsByApplication")]
public sealed class ExpertSeatsByApplication : Migration
{
    protected override void Up(MigrationBuilder b) =>
        b.CreateIndex(name: "IX_ExpertAssignments_ApplicationId", table: "ExpertAssignments", column: "ApplicationId");

    protected override void Down(MigrationBuilder b) =>
        b.DropIndex(name: "IX_ExpertAssignments_ApplicationId", table: "ExpertAssignments");
}
