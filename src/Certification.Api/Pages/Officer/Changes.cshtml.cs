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
public sealed class ChangesModel : OfficerPage
{
    [BindProperty] public string? ReportId { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<ChangeReportView> Reports { get; private set; } = Paged<ChangeReportView>.Of([], 1);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, report) = await TryAsync(new DecideChangeReport(ReportId ?? "", Decision, Reason, Caller.UserName));
        if (ok)
        {
            Notice = $"已复核 {report!.EnterpriseName} 的重大变化报告：{report.StatusLabel}。";
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    public static bool IsOpen(ChangeReportView r) => r.Status == ChangeReportStatus.Open;

    private async Task LoadAsync() => Reports = Paged<ChangeReportView>.Of(await SendAsync(new ListChangeReports()), PageNumber);
}
