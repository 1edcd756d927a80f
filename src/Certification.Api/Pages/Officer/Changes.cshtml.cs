using Certification.Workflows.Mediation;
using Certification.Api.Web;
using Certification.Domain.Dynamic;
using Certification.Workflows.Features.ChangeReports;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Officer;

/// <summary>
/// 重大变化复核: the major-change reports of the officer's region (late ones flagged), newest first and paged, each
/// open one decided here — keep the titles or revoke them, with the officer's reason (formal-stage reviewers and
/// administrators; the feature refuses others).
/// </summary>
public sealed class ChangesModel : OfficerListPage<ChangeReportView>
{
    [BindProperty] public string? ReportId { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostAsync() =>
        DecideAsync(new DecideChangeReport(ReportId ?? "", Decision, Reason, Caller.UserName),
            report => $"已复核 {report.EnterpriseName} 的重大变化报告：{report.StatusLabel}。");

    public static bool IsOpen(ChangeReportView r) => r.Status == ChangeReportStatus.Open;

    protected override Task<ListPage<ChangeReportView>?> QueryAsync(int page, int pageSize) => PageAsync(new ListChangeReports(Page: page, PageSize: pageSize));
}
