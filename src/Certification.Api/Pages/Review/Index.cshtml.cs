using Certification.Workflows.Mediation;
using Certification.Api.Web;
using Certification.Domain.Time;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Features.Reviews;
using Certification.Workflows.Features.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Review;

/// <summary>
/// The reviewer's inbox (its stage and region, as the account is scoped), filtered by step, region and due date;
/// bulk decisions for outcomes that need no reason, one task after another, each in its own commit.
/// </summary>
public sealed class IndexModel(TimeProvider clock) : UiPage
{
    public static readonly (string Type, string Label)[] Stages =
        [.. LifecycleData.ReviewActivityTypes.Select(t => (t, LifecycleText.ActivityType(t)))];

    /// <summary>The outcomes that may be given to many tasks at once: positive, needing no reason.</summary>
    public static readonly (string Outcome, string Label)[] BulkOutcomes =
        [("Recommended", LifecycleText.Outcome("Recommended")), ("Passed", LifecycleText.Outcome("Passed"))];

    public sealed record BulkResult(string TaskId, string Name, bool Ok, string Message);

    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? DueBy { get; set; }
    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "Open";
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Caller Me => Caller;
    public DateTimeOffset Now => clock.GetUtcNow();
    public ListPage<TaskView> Tasks { get; private set; } = Pager.Cut<TaskView>([], 1);
    public IReadOnlyList<BulkResult>? BulkResults { get; private set; }

    /// <summary>
    /// Where a task is worked on: review tasks on their own page; a re-evaluation's confirmation and a change re-check
    /// (tasks of the formal stage about a title or a report, not an application) on the officers' pages.
    /// </summary>
    public static string Href(TaskView task) => task.ActivityType switch
    {
        "Certification.ConfirmReEvaluation" => $"/officer/re-evaluations?title={Uri.EscapeDataString(task.ApplicationId ?? "")}",
        "Certification.ChangeReview" => $"/officer/changes#report-{task.ApplicationId}",
        _ => $"/review/tasks/{task.Id}",
    };

    public bool CanBulk(TaskView task) =>
        task.Status == "Open" && task.ActivityType is "Certification.PreliminaryReview" or "Certification.FormalReview";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostBulkAsync(string[]? taskIds, string? outcome)
    {
        if (taskIds is not { Length: > 0 }) ModelState.AddModelError("taskIds", "请先勾选要批量办理的任务");
        else if (!BulkOutcomes.Any(o => o.Outcome == outcome)) ModelState.AddModelError("outcome", "批量办理只能选择“推荐”或“通过”");
        else
        {
            var results = new List<BulkResult>();
            foreach (var id in taskIds.Distinct().Take(200))
            {
                var task = await TryAsync(new GetTask(id));
                var name = task.Result?.Application?.EnterpriseName ?? id;
                // The task's own outcome of the two (preliminary: recommend; formal: pass).
                var fitting = task.Result?.Outcomes?.Contains(outcome!) == true ? outcome! : task.Result?.Outcomes?.FirstOrDefault(o => BulkOutcomes.Any(b => b.Outcome == o));
                if (fitting is null)
                {
                    results.Add(new BulkResult(id, name, false, "该任务不能以此结果批量办理"));
                    continue;
                }
                var before = ModelState.ErrorCount;
                var (ok, done) = await TryAsync(new CompleteReviewTask(id, fitting, null, Caller.UserName));
                results.Add(new BulkResult(id, name, ok, ok ? done!.OutcomeLabel : string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Skip(before).Select(e => e.ErrorMessage))));
            }
            // Refusals of single tasks are listed in the results, not as form errors.
            ModelState.Clear();
            BulkResults = results;
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var (ok, tasks) = await TryAsync(new ListTasks(Role: Roles.Reviewer, Region: string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(),
            Status: Status, Limit: 500));
        IEnumerable<TaskView> rows = ok ? tasks! : [];
        if (!string.IsNullOrEmpty(Stage)) rows = rows.Where(t => t.ActivityType == Stage);
        if (DueBy is { } by) rows = rows.Where(t => t.DueAt is { } due && DateOnly.FromDateTime(due.ToOffset(ChinaTime.Offset).DateTime) <= by);
        Tasks = Pager.Cut(rows.ToList(), PageNumber);
    }
}
