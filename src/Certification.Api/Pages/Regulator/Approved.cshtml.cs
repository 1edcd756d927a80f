using Certification.Api.Web;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Features.Exports;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Regulator;

/// <summary>The approved list (认定名单) with its filters, a page at a time, and its CSV/XLSX exports with the same filters.</summary>
public sealed class ApprovedModel : ApprovedListPageModel
{
    [BindProperty(SupportsGet = true)] public string? Batch { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public IReadOnlyList<BatchView> Batches { get; private set; } = [];

    public static readonly IReadOnlyList<(string Value, string Label)> StatusChoices =
        [("valid", "有效"), ("expired", "已到期"), ("revoked", "已撤销"), ("superseded", "已更替")];

    public async Task OnGetAsync()
    {
        Batches = await SendAsync(new ListBatches());
        await LoadAsync();
    }

    protected override ApprovedListFilter Filter() => new(OrNull(Tier), OrNull(Region), OrNull(Batch), Year, OrNull(Status));

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
