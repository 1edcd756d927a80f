using Microsoft.EntityFrameworkCore;
using Certification.Domain.Criteria;
using Certification.Domain.Enterprises;
using Certification.Domain.Titles;

namespace Certification.Api.Benchmarks;

/// <summary>
/// <c>bench seed-approved</c>: enterprises holding a valid title of a tier, written in chunks of 5,000 straight to the
/// tables (set-up for measuring the approved-list export, not commands of record).
/// </summary>
public static class ApprovedSeeder
{
    private const int Chunk = 5000;
    private static readonly string[] Regions = ["330106", "330102", "320102", "440305", "110108", "510107"];

    public static async Task<int> SeedAsync(BenchHost host, int rows, string tier)
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        long offset;
        await using (var scope = host.Services.CreateAsyncScope())
            offset = await IntakeSeeder.BulkContext(scope.ServiceProvider).Enterprises.LongCountAsync() + 1;
        var prefix = $"APPROVED-{Guid.NewGuid():N}"[..17];
        for (var start = 0; start < rows; start += Chunk)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await using var db = IntakeSeeder.BulkContext(scope.ServiceProvider);
            for (var i = start; i < Math.Min(rows, start + Chunk); i++)
            {
                var n = offset + i;
                var enterprise = Enterprise.Register(Guid.CreateVersion7().ToString("D"), IntakeSeeder.CreditCodeOf(n), $"认定名单测试企业{n}有限公司",
                    Regions[i % Regions.Length], "联系人", "13800000000", null, now);
                db.Enterprises.Add(enterprise);
                db.Titles.Add(Title.Issue(Guid.CreateVersion7().ToString("D"), enterprise.Id, null, tier, $"{prefix}-{i:D7}",
                    CriteriaCatalog.DefaultVersion, new DateOnly(2026, 6, 30), 3, now));
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
        return rows;
    }
}
