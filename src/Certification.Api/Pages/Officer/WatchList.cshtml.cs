using Certification.Api.Web;
using Certification.Workflows.Features.AnnualUpdates;
using Certification.Workflows.Features.ReEvaluations;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Officer;

/// <summary>
/// 重点关注名单: holders whose latest yearly data falls below a title they hold (the failing conditions beside each
/// title), soonest expiry first, paged; each links to its enterprise, to the title's open re-evaluation and to revocation.
/// </summary>
public sealed class WatchListModel : OfficerPage
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<WatchEntry> Entries { get; private set; } = Paged<WatchEntry>.Of([], 1);

    /// <summary>Title id → its open re-evaluation's id.</summary>
    public IReadOnlyDictionary<string, string> OpenReEvaluations { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync()
    {
        var (ok, entries) = await TryAsync(new GetWatchList(string.IsNullOrWhiteSpace(Region) ? null : Region.Trim()));
        Entries = Paged<WatchEntry>.Of(ok ? entries! : [], PageNumber);
        if (Entries.Items.Count > 0)
            OpenReEvaluations = (await SendAsync(new ListReEvaluations("Open")))
                .GroupBy(r => r.TitleId).ToDictionary(g => g.Key, g => g.First().Id);
    }
}
