using Certification.Workflows.Mediation;
using Certification.Api.Web;
using Certification.Domain.Dynamic;
using Certification.Workflows.Features.ReEvaluations;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Officer;

/// <summary>
/// 复核确认: the re-evaluations of the officer's region, soonest expiry first, filtered by where they stand (awaiting
/// the officer by default) and paged; each opens on its own page to be confirmed.
/// </summary>
public sealed class ReEvaluationsModel : OfficerListPage<ReEvaluationView>
{
    /// <summary>The filter's choices: the feature's "Open" and statuses, and "Closed" for every decided or ended one.</summary>
    public static readonly (string Value, string Label)[] StatusChoices =
    [
        (ReEvaluationStatus.AwaitingConfirmation, "待确认"),
        (ReEvaluationStatus.AwaitingData, "待企业更新数据"),
        (ListReEvaluations.Open, "进行中（待企业更新数据或待确认）"),
        (ListReEvaluations.Closed, "已办结（续期、降级、不予续期或已终止）"),
        ("", "全部"),
    ];

    [BindProperty(SupportsGet = true)] public string Status { get; set; } = ReEvaluationStatus.AwaitingConfirmation;

    /// <summary>A title's re-evaluation (the inbox links its confirmation task by the title it is about).</summary>
    [BindProperty(SupportsGet = true, Name = "title"), FromQuery(Name = "title")] public string? TitleId { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!string.IsNullOrEmpty(TitleId))
        {
            var ofTitle = (await SendAsync(new ListReEvaluations(TitleIds: [TitleId]))).Items;
            var target = ofTitle.FirstOrDefault(r => r.AllowedOutcomes.Count > 0) ?? ofTitle.MaxBy(r => r.OpenedAt);
            if (target is not null) return RedirectToPage("/Officer/ReEvaluation", new { id = target.Id });
            ModelState.AddModelError("", "没有找到该称号的复核（可能已办结或不在本账号的地区范围内），请在下面的列表中查找。");
        }
        await LoadAsync();
        return Page();
    }

    protected override Task<ListPage<ReEvaluationView>?> QueryAsync(int page, int pageSize) =>
        PageAsync(new ListReEvaluations(OrNull(Status), Page: page, PageSize: pageSize));

    /// <summary>An outcome (proposed or confirmed) in Chinese, with the tier it leads to when that differs.</summary>
    public static string OutcomeLabel(string? outcome, string? tier = null) => outcome switch
    {
        TitleCheck.Renewed => "续期",
        TitleCheck.Downgraded => tier is null ? "降级" : $"降级为{Display.Tier(tier)}",
        TitleCheck.Lapsed => "不予续期",
        null => "—",
        _ => outcome,
    };

    public static string Tag(string status) => status switch
    {
        ReEvaluationStatus.AwaitingConfirmation => "warn",
        ReEvaluationStatus.Renewed => "ok",
        ReEvaluationStatus.Lapsed or ReEvaluationStatus.Cancelled => "bad",
        _ => "",
    };
}
