using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Certification.Workflows.Persistence.Migrations;

/// <summary>
/// The day a title was revoked, shown to the enterprise beside the ground and the reapplication ban. Titles revoked
/// before this migration keep a null date (the audit log still has it). Hand-written and provider-neutral like the others.
/// </summary>
[DbContext(typeof(CertificationDbContext))]
[Migration("20261202071500_TitleRevokedOn")]
public sealed class TitleRevokedOn : Migration
{
    protected override void Up(MigrationBuilder b) =>
        b.AddColumn<DateOnly>(name: "RevokedOn", table: "Titles", nullable: true);

    protected override void Down(MigrationBuilder b) =>
        b.DropColumn(name: "RevokedOn", table: "Titles");
}
