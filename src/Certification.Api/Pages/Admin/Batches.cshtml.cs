using Certification.Workflows.Mediation;
using Certification.Api.Web;
using Certification.Domain.Time;
using Certification.Workflows.Features.Batches;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Admin;

/// <summary>申报批次: the list (newest window first), a new batch, and opening or closing a batch's window.</summary>
public sealed class BatchesModel(TimeProvider clock) : UiPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Tier { get; set; }
    [BindProperty] public string? RegionPrefix { get; set; }
    [BindProperty] public DateOnly? OpensOn { get; set; }
    [BindProperty] public DateOnly? ClosesOn { get; set; }
    [BindProperty] public int? PublicityWorkingDays { get; set; }
    [BindProperty] public decimal? SpotCheckPercent { get; set; }
    [BindProperty] public int? RecommendationQuota { get; set; }
    [BindProperty] public DateOnly? OpenUntil { get; set; }
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public ListPage<BatchView> Batches { get; private set; } = Pager.Cut<BatchView>([], 1);
    public DateOnly Today => ChinaTime.Today(clock);

    protected override string FieldKey(string requestField) => requestField == "spotCheckShare" ? nameof(SpotCheckPercent) : requestField switch
    {
        "name" => nameof(Name), "tier" => nameof(Tier), "regionPrefix" => nameof(RegionPrefix), "opensOn" => nameof(OpensOn),
        "closesOn" => nameof(ClosesOn), "publicityWorkingDays" => nameof(PublicityWorkingDays), "recommendationQuota" => nameof(RecommendationQuota),
        _ => requestField,
    };

    public async Task OnGetAsync()
    {
        OpensOn ??= Today;
        ClosesOn ??= Today.AddMonths(1);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (ok, batch) = await TryAsync(new CreateBatch(Name, Tier, RegionPrefix?.Trim(), OpensOn, ClosesOn, null, PublicityWorkingDays,
            SpotCheckPercent is { } p ? p / 100m : null, RecommendationQuota));
        if (!ok) return await PageAsync();
        Notice = $"已设立批次“{batch!.Name}”，申报时间 {batch.OpensOn:yyyy-MM-dd} 至 {batch.ClosesOn:yyyy-MM-dd}。";
        return RedirectToPage();
    }

    /// <summary>Closes the window now: yesterday becomes its last day, so no first submission is accepted from today.</summary>
    public async Task<IActionResult> OnPostCloseAsync(string id)
    {
        var batch = await SendAsync(new GetBatch(id));
        var last = Today.AddDays(-1);
        var (ok, _) = await TryAsync(new ChangeBatchWindow(id, batch.OpensOn < last ? batch.OpensOn : last, last));
        if (!ok) return await PageAsync();
        Notice = $"批次“{batch.Name}”已截止申报（截止日期改为 {last:yyyy-MM-dd}）；已提交的申请照常审核。";
        return RedirectToPage();
    }

    /// <summary>Opens (or extends) the window from today, or its earlier start, until the chosen day.</summary>
    public async Task<IActionResult> OnPostOpenAsync(string id)
    {
        var batch = await SendAsync(new GetBatch(id));
        if (OpenUntil is null || OpenUntil < Today)
        {
            ModelState.AddModelError(nameof(OpenUntil), $"请选择今天（{Today:yyyy-MM-dd}）或以后的截止日期，批次才会开放申报。");
            return await PageAsync();
        }
        var (ok, _) = await TryAsync(new ChangeBatchWindow(id, batch.OpensOn < Today ? batch.OpensOn : Today, OpenUntil));
        if (!ok) return await PageAsync();
        Notice = $"批次“{batch.Name}”开放申报至 {OpenUntil:yyyy-MM-dd}。";
        return RedirectToPage();
    }

    private async Task<IActionResult> PageAsync()
    {
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Batches = Pager.Cut(await SendAsync(new ListBatches()), PageNumber);
}
