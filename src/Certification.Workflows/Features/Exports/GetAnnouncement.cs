using System.Globalization;
using Certification.Domain.Applications;
using Certification.Domain.Criteria;
using Certification.Domain.Regions;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Exports;

/// <summary>
/// The public announcement list (公告名单) of a batch, as officers publish it once the batch's titles are issued: a
/// title line, then the enterprises numbered 1…n, grouped by region (provinces for a national batch, cities for a
/// province's, counties for a city's) in code order, by credit code within a group. Public, like the publicity list;
/// a batch that has issued no title yet, or still has applications in publicity, is not announced (404).
/// </summary>
[AllowedCallers(AllowedCallersAttribute.Anyone)]
public sealed record GetAnnouncement(string BatchId) : IRequest<Announcement>;

public sealed record Announcement(
    string Title, string BatchId, string BatchName, string Tier, string TierName, DateOnly AnnouncedOn, int Total,
    IReadOnlyList<AnnouncementGroup> Groups)
{
    public static readonly string[] Headers = ["序号", "企业名称", "统一社会信用代码", "所在地区"];

    /// <summary>The list as a sheet: title line, headers, then per group a heading line and its numbered rows.</summary>
    public IEnumerable<IReadOnlyList<string>> Lines()
    {
        yield return [Title];
        yield return Headers;
        foreach (var group in Groups)
        {
            yield return [$"{ChineseOrdinal(group.Ordinal)}、{group.RegionName}（{group.Entries.Count} 家）"];
            foreach (var e in group.Entries)
                yield return [e.Number.ToString(CultureInfo.InvariantCulture), e.EnterpriseName, e.CreditCode, e.Region];
        }
    }

    private static string ChineseOrdinal(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n < 10) return digits[n].ToString();
        if (n < 20) return "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
        if (n < 100) return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
        return n.ToString(CultureInfo.InvariantCulture);
    }
}

/// <param name="Ordinal">1-based position of the group (一、二、…).</param>
public sealed record AnnouncementGroup(int Ordinal, string RegionCode, string RegionName, IReadOnlyList<AnnouncementEntry> Entries);

/// <param name="Number">序号, running through all groups.</param>
public sealed record AnnouncementEntry(int Number, string EnterpriseName, string CreditCode, string RegionCode, string Region);

public sealed class GetAnnouncementValidator : IRequestValidator<GetAnnouncement>
{
    public IEnumerable<FieldError> Validate(GetAnnouncement request)
    {
        if (string.IsNullOrWhiteSpace(request.BatchId) || request.BatchId.Length > 64) yield return new FieldError("batchId", "批次编号无效");
    }
}

public sealed class GetAnnouncementHandler(CertificationDbContext db, CriteriaCatalog criteria) : IRequestHandler<GetAnnouncement, Announcement>
{
    public async Task<Announcement> Handle(GetAnnouncement request, CancellationToken ct)
    {
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == request.BatchId, ct)
                    ?? throw new NotFoundException($"批次 {request.BatchId} 不存在");
        var applications = db.Applications.Where(a => a.BatchId == batch.Id);
        var rows = await (
                from t in db.Titles.AsNoTracking()
                join a in applications on t.ApplicationId equals a.Id
                join e in db.Enterprises on t.EnterpriseId equals e.Id
                select new { e.Name, e.CreditCode, e.RegionCode, t.IssuedOn })
            .ToListAsync(ct);
        if (rows.Count == 0 || await applications.AnyAsync(a => a.Status == ApplicationStatus.Publicity, ct))
            throw new NotFoundException($"批次“{batch.Name}”尚未公布认定名单");

        var level = Math.Min(batch.RegionPrefix.Length + 2, 6);
        var number = 0;
        var groups = rows
            .GroupBy(r => r.RegionCode.Length >= level ? r.RegionCode[..level] : r.RegionCode)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select((g, i) => new AnnouncementGroup(i + 1, g.Key, Provinces.Describe(g.Key),
                g.OrderBy(r => r.RegionCode, StringComparer.Ordinal).ThenBy(r => r.CreditCode, StringComparer.Ordinal)
                    .Select(r => new AnnouncementEntry(++number, r.Name, r.CreditCode, r.RegionCode, Provinces.Describe(r.RegionCode)))
                    .ToList()))
            .ToList();
        var tierName = criteria.TryGet(batch.CriteriaVersion, out var set) ? set.FindTier(batch.Tier)?.Name ?? batch.Tier : batch.Tier;
        var title = batch.Name.Contains(tierName, StringComparison.Ordinal) ? $"{batch.Name}认定名单" : $"{batch.Name}{tierName}认定名单";
        return new Announcement(title, batch.Id, batch.Name, batch.Tier, tierName, rows.Max(r => r.IssuedOn), rows.Count, groups);
    }
}
