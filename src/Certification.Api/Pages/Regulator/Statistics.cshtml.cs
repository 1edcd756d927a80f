using Certification.Api.Charts;
using Certification.Api.Web;
using Certification.Domain.Time;
using Certification.Workflows.Features.Statistics;
using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Regulator;

/// <summary>
/// Statistics at a glance: titles by region and by year (stacked by tier), each batch's funnel, titles expiring in
/// the coming months; each chart with its numbers as a table and a CSV of the same figures.
/// </summary>
public sealed class StatisticsModel(TimeProvider clock) : UiPage
{
    /// <summary>Funnels drawn per page; the rest are a page away.</summary>
    public const int FunnelsPerPage = 6;

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public int? FromYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? ToYear { get; set; }
    [BindProperty(SupportsGet = true)] public int Months { get; set; } = 12;
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public TitleCounts? Titles { get; private set; }
    public ExpiringTitles? Expiring { get; private set; }
    public FunnelReport? Funnels { get; private set; }
    public ListPage<BatchFunnel> FunnelPage { get; private set; } = Pager.Cut<BatchFunnel>([], 1);

    protected override string FieldKey(string requestField) => requestField switch
    {
        "region" => nameof(Region), "tier" => nameof(Tier), "fromYear" or "year" => nameof(FromYear), "toYear" => nameof(ToYear), "months" => nameof(Months),
        _ => requestField,
    };

    public async Task OnGetAsync()
    {
        var region = string.IsNullOrWhiteSpace(Region) ? null : Region.Trim();
        var tier = string.IsNullOrWhiteSpace(Tier) ? null : Tier;
        try
        {
            (_, Titles) = await TryAsync(new CountTitles(region, tier, FromYear, ToYear));
            if (!ModelState.IsValid) return;
            (_, Expiring) = await TryAsync(new CountExpiringTitles(Months, region, tier));
            (_, Funnels) = await TryAsync(new GetBatchFunnels(region, tier));
            if (Funnels is not null) FunnelPage = Pager.Cut(Funnels.Batches.OrderByDescending(b => b.OpensOn).ToList(), PageNumber, FunnelsPerPage);
        }
        catch (ForbiddenException e)
        {
            ModelState.AddModelError(nameof(Region), e.Message + " 请填写本账号范围内的地区代码，或留空。");
        }
    }

    public int ThisYear => ChinaTime.Today(clock).Year;

    /// <summary>A statistics endpoint's CSV with the page's filters.</summary>
    public string CsvUrl(string statistic, params (string Name, string? Value)[] extra)
    {
        var parts = new List<(string, string?)> { ("region", Region), ("tier", Tier) };
        parts.AddRange(extra);
        parts.Add(("format", "csv"));
        return $"/api/statistics/{statistic}?" + string.Join("&", parts.Where(p => !string.IsNullOrWhiteSpace(p.Item2))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!.Trim())}"));
    }

    public static BarChartModel ByRegion(TitleCounts t) => StatisticsCharts.TitlesByRegion(t);
    public static BarChartModel ByYear(TitleCounts t) => StatisticsCharts.TitlesByYear(t);
}
