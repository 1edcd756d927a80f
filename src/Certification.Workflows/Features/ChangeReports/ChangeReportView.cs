using Certification.Domain.Dynamic;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.ChangeReports;

/// <summary>
/// A major-change report as the API and the web UI show it. <see cref="Late"/> is true when it was reported after
/// <see cref="DueBy"/> (the change date plus <c>Dynamic:ChangeReportMonths</c>); <see cref="LateNotice"/> says so in Chinese.
/// </summary>
public sealed record ChangeReportView(
    string Id,
    string EnterpriseId,
    string EnterpriseName,
    string RegionCode,
    string Kind,
    string KindLabel,
    DateOnly ChangedOn,
    DateOnly DueBy,
    DateOnly ReportedOn,
    bool Late,
    string? LateNotice,
    string Description,
    string Status,
    string StatusLabel,
    string? DecisionReason,
    string? DecidedBy,
    DateTime? DecidedAt,
    DateTime ReportedAt);

internal static class ChangeReportViews
{
    public static async Task<List<ChangeReportView>> BuildAsync(CertificationDbContext db, IReadOnlyList<ChangeReport> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.EnterpriseId).Distinct().ToList();
        var names = await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return rows.Select(r => new ChangeReportView(
            r.Id, r.EnterpriseId, names.GetValueOrDefault(r.EnterpriseId, ""), r.RegionCode, r.Kind, MajorChanges.Find(r.Kind)?.Label ?? r.Kind,
            r.ChangedOn, r.DueBy, r.ReportedOn, r.Late,
            r.Late ? $"逾期报告：变化发生于 {r.ChangedOn:yyyy-MM-dd}，应于 {r.DueBy:yyyy-MM-dd} 前报告，实际于 {r.ReportedOn:yyyy-MM-dd} 报告" : null,
            r.Description, r.Status, ChangeReportStatus.Label(r.Status), r.DecisionReason, r.DecidedBy, r.DecidedAt, r.ReportedAt)).ToList();
    }
}
