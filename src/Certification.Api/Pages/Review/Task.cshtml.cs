using Certification.Api.Web;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Reviews;
using Certification.Workflows.Features.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Review;

/// <summary>One review task: the frozen dossier beside the computed indicators, and the decision with its reason.</summary>
public sealed class TaskModel : UiPage
{
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public TaskView Task { get; private set; } = null!;
    public ApplicationDetail Application { get; private set; } = null!;
    public ApplicationVersionView? Version { get; private set; }
    public ApplicationTimeline Timeline { get; private set; } = null!;

    public async Task OnGetAsync(string id) => await LoadAsync(id);

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var (ok, done) = await TryAsync(new CompleteReviewTask(id, Outcome, Reason, Caller.UserName));
        if (ok)
        {
            Notice = $"已办结：{done!.OutcomeLabel}。申请现在的状态：{done.ApplicationStatusLabel}。";
            return RedirectToPage("/Review/Index");
        }
        await LoadAsync(id);
        return Page();
    }

    private async Task LoadAsync(string id)
    {
        Task = await SendAsync(new GetTask(id));
        var applicationId = Task.ApplicationId ?? throw new Workflows.Mediation.NotFoundException($"任务 {id} 不属于任何申请");
        Application = await SendAsync(new GetApplication(applicationId));
        Version = Application.CurrentVersion > 0 ? await SendAsync(new GetApplicationVersion(applicationId, Application.CurrentVersion)) : null;
        Timeline = await SendAsync(new GetTimeline(applicationId));
    }
}
