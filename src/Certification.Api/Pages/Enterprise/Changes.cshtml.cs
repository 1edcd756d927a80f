using Certification.Api.Web;
using Certification.Workflows.Features.ChangeReports;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Enterprise;

/// <summary>
/// 重大变化报告: a certified enterprise reports a rename, merger, move … with the day it happened (late reports are
/// accepted and flagged); its earlier reports with their state and the reviewers' decision.
/// </summary>
public sealed class ChangesModel : EnterprisePage
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public DateOnly? ChangedOn { get; set; }
    [BindProperty] public string? Description { get; set; }

    public IReadOnlyList<ChangeReportView> Reports { get; private set; } = [];

    public async Task OnGetAsync() => Reports = (await SendAsync(new ListChangeReports(EnterpriseId))).Items;

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var (ok, report) = await TryAsync(new ReportChange(EnterpriseId, Kind, ChangedOn, Description, Caller.UserName));
            if (ok)
            {
                Notice = report!.LateNotice is { } late ? $"已提交重大变化报告，等待审核员复核。{late}。" : "已提交重大变化报告，等待审核员复核。";
                return RedirectToPage();
            }
        }
        Reports = (await SendAsync(new ListChangeReports(EnterpriseId))).Items;
        return Page();
    }

    protected override string FieldKey(string requestField) => requestField switch
    {
        "kind" => nameof(Kind), "changedOn" => nameof(ChangedOn), "description" => nameof(Description), _ => requestField,
    };
}
