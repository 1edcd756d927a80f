using Certification.Workflows.Mediation;
using Certification.Api.Web;
using Certification.Workflows.Features.AnnualUpdates;
using Certification.Workflows.Features.ReEvaluations;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Officer;

/// <summary>
/// 重点关注名单: holders whose latest yearly data falls below a title they hold (the failing conditions beside each
/// title), soonest expiry first, paged; each links to its enterprise, to the title's open re-evaluation and to revocation.
/// </summary>
public sealed class WatchListModel : OfficerListPage<WatchEntry>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    /// <summary>Title id → its open re-evaluation's id.</summary>
    public IReadOnlyDictionary<string, string> OpenReEvaluations { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var shown = Rows.Items.SelectMany(w => w.Titles).Select(t => t.TitleId).Distinct().ToList();
        if (shown.Count > 0)
            OpenReEvaluations = (await SendAsync(new ListReEvaluations(ListReEvaluations.Open, TitleIds: shown))).Items
                .GroupBy(r => r.TitleId).ToDictionary(g => g.Key, g => g.First().Id);
    }

    protected override Task<ListPage<WatchEntry>?> QueryAsync(int page, int pageSize) => PageAsync(new GetWatchList(OrNull(Region), page, pageSize));
}
