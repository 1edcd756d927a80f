using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Certification.Workflows.Persistence.Migrations;

/// <summary>
/// Intake: each frozen application version also records the documents it was submitted with, so that a document
/// removed while correcting a returned dossier stays in the history (its content is kept by hash).
/// Hand-written and provider-neutral like the others; MigrationsMatchModelTests checks it.
/// </summary>
[DbContext(typeof(CertificationDbContext))]
[Migration("20261123000000_IntakeDocumentManifest")]
public sealed class IntakeDocumentManifest : Migration
{
    protected override void Up(MigrationBuilder b) =>
        b.AddColumn<string>(name: "DocumentsJson", table: "ApplicationVersions", nullable: false, defaultValue: "[]");

    protected override void Down(MigrationBuilder b) =>
        b.DropColumn(name: "DocumentsJson", table: "ApplicationVersions");
}
