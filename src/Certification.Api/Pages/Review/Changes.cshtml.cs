using Certification.Api.Web;
using Certification.Domain.Dynamic;
using Certification.Workflows.Features.ChangeReports;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Review;

/// <summary>
/// 重大变化复核: the major-change reports of the reviewer's region (late ones flagged), each open one decided here —
/// keep the titles or revoke them, with the reviewer's reason (formal-stage reviewers; the feature refuses others).
/// </summary>
public sealed class ChangesModel : UiPage
{
    [BindProperty] public string? ReportId { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<ChangeReportView> Reports { get; private set; } = [];

    public async Task OnGetAsync() => Reports = await SendAsync(new ListChangeReports());

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, report) = await TryAsync(new DecideChangeReport(ReportId ?? "", Decision, Reason, Caller.UserName));
        if (ok)
        {
            Notice = $"已复核 {report!.EnterpriseName} 的重大变化报告：{report.StatusLabel}。";
            return RedirectToPage();
        }
        Reports = await SendAsync(new ListChangeReports());
        return Page();
    }

    public static bool IsOpen(ChangeReportView r) => r.Status == ChangeReportStatus.Open;
}
