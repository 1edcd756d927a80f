using Certification.Api.Web;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.ReEvaluations;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Enterprise;

/// <summary>The enterprise's desk: its applications, the batches it may apply to, its titles.</summary>
public sealed class IndexModel : EnterprisePage
{
    public EnterpriseView Enterprise { get; private set; } = null!;
    public IReadOnlyList<ApplicationSummary> Applications { get; private set; } = [];
    public IReadOnlyList<BatchView> Batches { get; private set; } = [];
    public IReadOnlyDictionary<string, string> BatchNames { get; private set; } = new Dictionary<string, string>();
    public int ValidTitles { get; private set; }

    /// <summary>Re-evaluations waiting for the enterprise's data.</summary>
    public int AwaitingData { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? batchId)
    {
        var (ok, created) = await TryAsync(new CreateApplication(EnterpriseId, batchId));
        if (ok)
        {
            Notice = "已创建申报草稿。请上传材料清单中的必备材料，然后提交。";
            return RedirectToPage("/Enterprise/Application", new { id = created!.Id });
        }
        // A refusal here is about the enterprise (a reapplication ban, a duplicate), not a field to correct.
        ViewData[UiErrors.Heading] = "暂时不能创建申报";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Enterprise = await SendAsync(new GetEnterprise(EnterpriseId));
        Applications = (await SendAsync(new ListApplications(EnterpriseId))).OrderByDescending(a => a.CreatedAt).ToList();
        Batches = await SendAsync(new ListBatches(Open: true, RegionCode: Enterprise.RegionCode));
        var all = await SendAsync(new ListBatches());
        BatchNames = all.ToDictionary(b => b.Id, b => b.Name);
        ValidTitles = (await SendAsync(new ListEnterpriseTitles(EnterpriseId))).Count(t => t.ValidToday);
        AwaitingData = (await SendAsync(new ListReEvaluations(Domain.Dynamic.ReEvaluationStatus.AwaitingData, EnterpriseId))).Total;
    }
}
