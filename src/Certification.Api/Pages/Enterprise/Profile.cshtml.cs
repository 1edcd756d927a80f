using System.Text.Json;
using Certification.Api.Web;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Time;
using Certification.Workflows.Features.Enterprises;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Enterprise;

/// <summary>The working profile: basic conditions, three years of financials, the facts the criteria score.</summary>
public sealed class ProfileModel(TimeProvider clock) : EnterprisePage
{
    [BindProperty] public EnterpriseProfile Profile { get; set; } = new();

    public EnterpriseView Enterprise { get; private set; } = null!;

    /// <summary>Three financial rows at least: the stored ones, then the years before them.</summary>
    public IReadOnlyList<FinancialYear> Years { get; private set; } = [];

    /// <summary>The register's valid titles, for the live evaluation's ladder (JSON).</summary>
    public string TitlesJson { get; private set; } = "[]";

    protected override string FieldKey(string requestField) => $"{nameof(Profile)}.{requestField}";

    public async Task OnGetAsync()
    {
        Profile = await SendAsync(new GetEnterpriseProfile(EnterpriseId));
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Rows left entirely empty are not data.
        var rows = (Profile.Financials ?? []).Where(f => f is not null && (f.Year, f.OperatingRevenue, f.MainBusinessRevenue, f.RdExpense, f.NetProfit,
            f.TotalAssets, f.TotalLiabilities) != (null, null, null, null, null, null, null)).ToList();
        var profile = Profile with { Financials = rows };
        // The binder's own complaints (text in a number field) come first, at their fields.
        if (ModelState.IsValid && (await TryAsync(new UpdateEnterpriseProfile(EnterpriseId, profile))).Ok)
        {
            Notice = "企业画像已保存。";
            return RedirectToPage("/Enterprise/SelfAssessment");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Enterprise = await SendAsync(new GetEnterprise(EnterpriseId));
        var years = (Profile.Financials ?? []).OfType<FinancialYear>().OrderByDescending(f => f.Year ?? 0).ToList();
        var latest = years.FirstOrDefault()?.Year ?? ChinaTime.Today(clock).Year - 1;
        while (years.Count < 3) years.Add(new FinancialYear { Year = (years.LastOrDefault()?.Year ?? latest + 1) - 1 });
        Years = years;
        var titles = await SendAsync(new ListEnterpriseTitles(EnterpriseId));
        TitlesJson = JsonSerializer.Serialize(titles.Where(t => t.ValidToday).Select(t => new { tier = t.Tier, validUntil = t.ValidUntil.ToString("yyyy-MM-dd") }));
    }
}
