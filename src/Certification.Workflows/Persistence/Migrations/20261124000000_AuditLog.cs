using Certification.Workflows.Audit;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Certification.Workflows.Persistence.Migrations;

/// <summary>
/// The append-only, hash-chained audit log and its head row (sequence 0, genesis hash). Triggers refuse UPDATE and
/// DELETE of entries on both providers (and TRUNCATE on PostgreSQL), so no code path, however wrong, can rewrite the
/// history; someone who disables them with the database owner's rights is still caught by the hash chain
/// (<c>audit verify</c>). Hand-written and provider-neutral like the others; MigrationsMatchModelTests checks it.
/// </summary>
[DbContext(typeof(CertificationDbContext))]
[Migration("20261124000000_AuditLog")]
public sealed class AuditLog : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "AuditEntries",
            columns: t => new
            {
                Sequence = t.Column<long>(nullable: false),
                At = t.Column<DateTime>(nullable: false),
                UserName = t.Column<string>(maxLength: 100, nullable: false),
                Role = t.Column<string>(maxLength: 40, nullable: false),
                ClientAddress = t.Column<string>(maxLength: 64, nullable: true),
                Operation = t.Column<string>(maxLength: 100, nullable: false),
                Description = t.Column<string>(maxLength: 2000, nullable: false),
                Targets = t.Column<string>(nullable: false),
                Changes = t.Column<string>(nullable: false),
                PreviousHash = t.Column<string>(maxLength: 64, nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Sequence));
        b.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        b.CreateIndex("IX_AuditEntries_UserName_Sequence", "AuditEntries", ["UserName", "Sequence"]);
        b.CreateIndex("IX_AuditEntries_Operation_Sequence", "AuditEntries", ["Operation", "Sequence"]);

        b.CreateTable(
            name: "AuditHead",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false),
                LastSequence = t.Column<long>(nullable: false),
                LastHash = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AuditHead", x => x.Id));
        // Plain SQL: without a model snapshot InsertData cannot tell the column types, and this is valid on both providers.
        b.Sql($"INSERT INTO \"AuditHead\" (\"Id\", \"LastSequence\", \"LastHash\") VALUES ({AuditHead.SingletonId}, 0, '{AuditChain.Genesis}');");

        if (ActiveProvider == Postgres)
        {
            b.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'AuditEntries is append-only: % refused', TG_OP;
                END $$;
                """);
            b.Sql("""
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
        }
        else
        {
            b.Sql("""CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only: UPDATE refused'); END;""");
            b.Sql("""CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only: DELETE refused'); END;""");
        }
    }

    protected override void Down(MigrationBuilder b)
    {
        if (ActiveProvider == Postgres)
        {
            b.Sql("""DROP TRIGGER IF EXISTS audit_entries_append_only ON "AuditEntries";""");
            b.Sql("DROP FUNCTION IF EXISTS audit_entries_append_only();");
        }
        b.DropTable("AuditHead");
        b.DropTable("AuditEntries");
    }
}
