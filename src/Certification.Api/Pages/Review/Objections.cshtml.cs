using Certification.Workflows.Mediation;
using Certification.Api.Web;
using Certification.Domain.Publicity;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Publicity;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Review;

/// <summary>
/// 异议处理: objections lodged during publicity against applications of the reviewer's region, newest first and paged;
/// formal-stage reviewers (who alone may, see <see cref="ResolveObjection"/>) resolve an open one: upheld sends the
/// application back to formal review, dismissed lets the publicity run on; both with a reason.
/// </summary>
public sealed class ObjectionsModel : OfficerListPage<ObjectionView>
{
    public static readonly (string Value, string Label)[] StatusChoices =
        [(ObjectionStatus.Open, "待处理"), (ObjectionStatus.Upheld, "异议成立"), (ObjectionStatus.Dismissed, "异议不成立"), ("", "全部")];

    [BindProperty(SupportsGet = true)] public string Status { get; set; } = ObjectionStatus.Open;
    [BindProperty] public string? ObjectionId { get; set; }
    [BindProperty] public bool? Upheld { get; set; }
    [BindProperty] public string? Resolution { get; set; }

    /// <summary>Publicity follows the formal stage: its reviewers resolve objections.</summary>
    public bool CanResolve => Caller.ReviewStage == Roles.Stages.Formal;

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostAsync() =>
        DecideAsync(new ResolveObjection(ObjectionId ?? "", Upheld, Resolution, Caller.UserName), done => done.Status == ObjectionStatus.Upheld
                ? $"已认定异议成立：申请已退回审核（当前状态：{done.ApplicationStatusLabel}）。"
                : $"已认定异议不成立：公示继续（当前状态：{done.ApplicationStatusLabel}）。",
            new { status = Status });

    public static string StatusLabel(string status) => StatusChoices.FirstOrDefault(c => c.Value == status).Label ?? status;

    protected override Task<ListPage<ObjectionView>?> QueryAsync(int page, int pageSize) =>
        PageAsync(new ListObjections(Status: OrNull(Status), Page: page, PageSize: pageSize));
}
