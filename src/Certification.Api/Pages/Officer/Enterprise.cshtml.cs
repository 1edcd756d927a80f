using Certification.Api.Web;
using Certification.Workflows.Features.AnnualUpdates;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.ReEvaluations;

namespace Certification.Api.Pages.Officer;

/// <summary>
/// An enterprise as the officers of its region see it: the reapplication ban, every title (valid ones with the way
/// to revoke them), its re-evaluations and its latest yearly data. Out of the officer's region: 404.
/// </summary>
public sealed class EnterpriseModel : OfficerPage
{
    public EnterpriseView Enterprise { get; private set; } = null!;
    public IReadOnlyList<TitleView> Titles { get; private set; } = [];
    public IReadOnlyList<ReEvaluationView> ReEvaluations { get; private set; } = [];
    public AnnualUpdateView? LatestUpdate { get; private set; }

    public async Task OnGetAsync(string id)
    {
        Enterprise = await SendAsync(new GetEnterprise(id));
        Titles = await SendAsync(new ListEnterpriseTitles(id));
        ReEvaluations = (await SendAsync(new ListReEvaluations(EnterpriseId: id))).Items;
        LatestUpdate = (await SendAsync(new ListAnnualUpdates(id))).FirstOrDefault();
    }

    /// <summary>On the watch list now: the latest data falls below a title still valid (a revoked or replaced one no longer counts).</summary>
    public bool Watched => LatestUpdate is { Flagged: true } update
                           && update.Titles.Any(c => c.Outcome != TitleCheck.Renewed && Titles.Any(t => t.Id == c.TitleId && t.ValidToday && t.Status == "Valid"));

    public static string TitleStatus(TitleView t) => t.Status switch
    {
        "Valid" => t.ValidToday ? "有效" : "已到期",
        "Revoked" => "已撤销",
        "Superseded" => "已更替",
        _ => t.Status,
    };
}
