using System.Security.Cryptography;
using System.Text;
using Certification.Domain.Applications;
using Certification.Domain.Batches;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Documents;
using Certification.Domain.Enterprises;
using Certification.Domain.Titles;
using Certification.Workflows.Features.Demo;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Benchmarks;

/// <summary>One seeded draft, ready to submit: the ids the benchmark's callers act on.</summary>
public sealed record BenchApplication(int Index, string ApplicationId, string EnterpriseId);

/// <summary>
/// What intake leaves before a submission (enterprises with profiles and the innovative title the tier requires, a batch, drafts with their required documents,
/// an expert pool), written in bulk straight to the tables as set-up: the benchmark measures from submission on.
/// Rows are written in chunks with a context of their own, so memory does not grow with the number of applications.
/// </summary>
public static class IntakeSeeder
{
    public const string Region = "330106";
    private const int Chunk = 500;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% bench\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A valid 统一社会信用代码 for a sequence number (registration 9 / type 1, region 330106).</summary>
    public static string CreditCodeOf(long n)
    {
        var first17 = $"91330106{n:D9}";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>A context on the same database without the audit trail: set-up rows are not commands of record.</summary>
    public static CertificationDbContext BulkContext(IServiceProvider scope) =>
        new(scope.GetRequiredService<DbContextOptions<CertificationDbContext>>()) { ChangeTracker = { AutoDetectChangesEnabled = false } };

    /// <returns>the batch id and the expert ids of the pool.</returns>
    /// <param name="today">the batch opens the day before and closes a month after (Beijing dates).</param>
    public static async Task<(string BatchId, IReadOnlyList<string> ExpertIds)> SeedBatchAndExpertsAsync(IServiceProvider services, int experts,
        DateTime now, DateOnly today)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = BulkContext(scope.ServiceProvider);
        var batch = Batch.Create(Guid.CreateVersion7().ToString("D"), $"基准测试批次 {now:yyyyMMddHHmmss}", "specialized", "33",
            today.AddDays(-1), today.AddDays(30), CriteriaCatalog.DefaultVersion, 5, spotCheckShare: 0m, null, now);
        db.Batches.Add(batch);
        var ids = new List<string>();
        for (var i = 0; i < experts; i++)
        {
            var id = Guid.CreateVersion7().ToString("D");
            ids.Add(id);
            // Another county than the enterprises' (330106): same-county experts are excluded from panels.
            db.Experts.Add(new ExpertRecord
            {
                Id = id, Name = $"基准专家{i + 1}", RegionCode = "330102", FieldsJson = """["智能制造"]""", IsActive = true, CreatedAt = now,
            });
        }
        if (!await db.DocumentContents.AnyAsync(c => c.Sha256 == PdfSha))
            db.DocumentContents.Add(new DocumentContent(PdfSha, Pdf));
        await db.SaveChangesAsync();
        return (batch.Id, ids);
    }

    private static readonly string PdfSha = Convert.ToHexStringLower(SHA256.HashData(Pdf));

    /// <summary>Seeds <paramref name="count"/> drafts in chunks of 500 (one context each).</summary>
    public static async Task<List<BenchApplication>> SeedDraftsAsync(IServiceProvider services, string batchId, int count, DateTime now)
    {
        var all = new List<BenchApplication>(count);
        long offset;
        await using (var scope = services.CreateAsyncScope())
            offset = await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().Enterprises.LongCountAsync() + 1;
        var profile = DemoProfiles.Typical(DateOnly.FromDateTime(now)); // meets the specialized tier
        var required = MaterialChecklist.For("specialized").Where(m => m.Required).ToList();
        for (var start = 0; start < count; start += Chunk)
        {
            await using var scope = services.CreateAsyncScope();
            await using var db = BulkContext(scope.ServiceProvider);
            for (var i = start; i < Math.Min(count, start + Chunk); i++)
            {
                var enterprise = Enterprise.Register(Guid.CreateVersion7().ToString("D"), CreditCodeOf(offset + i), $"基准测试精密制造{offset + i}有限公司",
                    Region, "联系人", "13800000000", null, now);
                enterprise.UpdateProfile(profile, now);
                var application = Application.Draft(Guid.CreateVersion7().ToString("D"), enterprise.Id, batchId, "specialized", Region,
                    CriteriaCatalog.DefaultVersion, now);
                db.Enterprises.Add(enterprise);
                // The specialized tier requires a valid innovative title in the register (PREREQ).
                db.Titles.Add(Title.Issue(Guid.CreateVersion7().ToString("D"), enterprise.Id, null, "innovative", $"BENCH-CX-{offset + i:D9}",
                    CriteriaCatalog.DefaultVersion, new DateOnly(2025, 6, 30), 3, now));
                db.Applications.Add(application);
                foreach (var item in required)
                    db.Documents.Add(Document.Attach(Guid.CreateVersion7().ToString("D"), application.Id, item.Code, item.Code + ".pdf",
                        "application/pdf", Pdf.Length, PdfSha, "bench", now));
                all.Add(new BenchApplication(i, application.Id, enterprise.Id));
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
        return all;
    }
}
