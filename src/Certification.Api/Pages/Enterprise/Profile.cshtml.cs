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

    /// <summary>The form's fields: three financial rows at least (the stored ones, then the years before them).</summary>
    public ProfileFields Fields { get; private set; } = null!;

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
        var profile = ProfileFields.WithoutEmptyRows(Profile);
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
        Fields = new ProfileFields(Profile, ProfileFields.RowsOf(Profile, ChinaTime.Today(clock).Year - 1), Enterprise.CreditCode, Enterprise.Name,
            Enterprise.RegionCode);
        var titles = await SendAsync(new ListEnterpriseTitles(EnterpriseId));
        TitlesJson = JsonSerializer.Serialize(titles.Where(t => t.ValidToday).Select(t => new { tier = t.Tier, validUntil = t.ValidUntil.ToString("yyyy-MM-dd") }));
    }
}
