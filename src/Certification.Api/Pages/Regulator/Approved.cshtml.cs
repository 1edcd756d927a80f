using Certification.Api.Web;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Features.Exports;
using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Regulator;

/// <summary>The approved list (认定名单) with its filters, a page at a time, and its CSV/XLSX exports with the same filters.</summary>
public sealed class ApprovedModel : UiPage
{
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Batch { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<ApprovedListRow> Titles { get; private set; } = Paged<ApprovedListRow>.Of([], 1);
    public IReadOnlyList<BatchView> Batches { get; private set; } = [];

    protected override string FieldKey(string requestField) => requestField switch
    {
        "tier" => nameof(Tier), "region" => nameof(Region), "batch" => nameof(Batch), "year" => nameof(Year), "status" => nameof(Status),
        _ => requestField,
    };

    public static readonly IReadOnlyList<(string Value, string Label)> StatusChoices =
        [("valid", "有效"), ("expired", "已到期"), ("revoked", "已撤销"), ("superseded", "已更替")];

    public async Task OnGetAsync()
    {
        Batches = await SendAsync(new ListBatches());
        var filter = Filter();
        try
        {
            var (ok, page) = await TryAsync(new ListApprovedTitles(filter, Math.Max(1, PageNumber), Paged<ApprovedListRow>.DefaultSize));
            if (ok) Titles = new Paged<ApprovedListRow>(page!.Items, page.Page, page.PageSize, page.Total);
        }
        catch (ForbiddenException e)
        {
            // A regional account asked beyond its region: say so at the field instead of a bare 403.
            ModelState.AddModelError(nameof(Region), e.Message + " 请填写本账号范围内的地区代码，或留空查看全部。");
        }
    }

    private ApprovedListFilter Filter() =>
        new(Empty(Tier), Empty(Region), Empty(Batch), Year, Empty(Status));

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The export endpoint with the page's filters.</summary>
    public string ExportUrl(string format)
    {
        var f = Filter();
        var query = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) query.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("tier", f.Tier);
        Add("region", f.RegionPrefix);
        Add("batch", f.BatchId);
        Add("year", f.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("status", f.Status);
        Add("format", format);
        return "/api/exports/approved?" + string.Join("&", query);
    }
}
