using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Audit;

/// <summary>The answer of a chain check. <see cref="Reason"/>: altered, reordered, broken-link, missing, truncated.</summary>
public sealed record AuditVerification(bool Valid, long Entries, long? FirstBrokenSequence, string? Reason, string? Detail)
{
    public static AuditVerification Broken(long entries, long sequence, string reason, string detail) =>
        new(false, entries, sequence, reason, detail);
}

/// <summary>
/// Walks the chain in sequence order, streaming (memory stays flat whatever the length), and stops at the first
/// entry that does not hold: a gap in the sequence (an entry deleted), an entry whose previous hash is not its
/// predecessor's hash (moved, inserted or replaced), an entry whose content no longer gives its hash (altered), or a
/// chain that ends before the head row says it does (entries deleted from the end).
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(CertificationDbContext db, CancellationToken ct = default)
    {
        var head = await db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Id == AuditHead.SingletonId, ct);
        var expected = 1L;
        var previousHash = AuditChain.Genesis;
        var count = 0L;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (entry.Sequence != expected)
                return AuditVerification.Broken(count, expected, "missing",
                    $"审计日志缺少第 {expected} 条（下一条是第 {entry.Sequence} 条）：条目被删除。");
            var intact = AuditChain.Compute(entry) == entry.Hash;
            if (entry.PreviousHash != previousHash)
                return intact
                    ? AuditVerification.Broken(count, entry.Sequence, "broken-link",
                        $"第 {entry.Sequence} 条的前一哈希与第 {entry.Sequence - 1} 条不符：其前的条目被替换或插入。")
                    : AuditVerification.Broken(count, entry.Sequence, "reordered",
                        $"第 {entry.Sequence} 条既不接续前一条、内容也与其哈希不符：条目被移动或调换了顺序。");
            if (!intact)
                return AuditVerification.Broken(count, entry.Sequence, "altered",
                    $"第 {entry.Sequence} 条的内容与其哈希不符：条目被修改。");
            previousHash = entry.Hash;
            count++;
            expected++;
        }
        if (head is not null && (head.LastSequence != count || head.LastHash != previousHash))
            return head.LastSequence > count
                ? AuditVerification.Broken(count, count + 1, "truncated",
                    $"审计日志应有 {head.LastSequence} 条，只找到 {count} 条：末尾的条目被删除。")
                : AuditVerification.Broken(count, head.LastSequence, "head-mismatch",
                    $"审计日志的链头（第 {head.LastSequence} 条）与最后一条（第 {count} 条）不符。");
        return new AuditVerification(true, count, null, null, null);
    }
}
