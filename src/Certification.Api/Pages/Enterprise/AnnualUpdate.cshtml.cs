using Certification.Api.Web;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Time;
using Certification.Workflows.Features.AnnualUpdates;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.ReEvaluations;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Enterprise;

/// <summary>
/// 年度数据更新: a title holder files a year's data (the profile with that year's financials); each title it holds is
/// re-checked under the criteria in force, and one no longer met puts it on the officers' watch list. The years filed,
/// with what each check found.
/// </summary>
public sealed class AnnualUpdateModel(TimeProvider clock) : EnterprisePage
{
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public EnterpriseProfile Profile { get; set; } = new();

    public IReadOnlyList<AnnualUpdateView> Updates { get; private set; } = [];
    public IReadOnlyList<TitleView> ValidTitles { get; private set; } = [];
    public ProfileFields Fields { get; private set; } = null!;

    /// <summary>The latest year that may be filed (the current year; usually the one before it is filed).</summary>
    public int ThisYear => ChinaTime.Today(clock).Year;

    public async Task OnGetAsync()
    {
        Profile = await SendAsync(new GetEnterpriseProfile(EnterpriseId));
        Year = ThisYear - 1;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The binder's own complaints (text in a number field) come first, at their fields.
        if (ModelState.IsValid)
        {
            var (ok, update) = await TryAsync(new SubmitAnnualUpdate(EnterpriseId, Year, ProfileFields.WithoutEmptyRows(Profile), Caller.UserName));
            if (ok)
            {
                Notice = update!.Flagged
                    ? $"已提交 {update.Year} 年度数据。{update.Notice}。"
                    : $"已提交 {update.Year} 年度数据，所持称号按现行标准仍符合条件。";
                return RedirectToPage();
            }
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>The check's outcome for one held title, in the enterprise's words.</summary>
    public static string OutcomeLabel(TitleCheckResult r) => r.Outcome switch
    {
        TitleCheck.Renewed => "仍符合条件",
        TitleCheck.Downgraded => $"仅符合{Display.Tier(r.TierMet ?? "")}条件",
        _ => "不再符合条件",
    };

    // The feature checks that the year's financial row is there; the year field is where to fix that.
    protected override string FieldKey(string requestField) => requestField == "profile.financials" ? nameof(Year) : requestField;

    private async Task LoadAsync()
    {
        var enterprise = await SendAsync(new GetEnterprise(EnterpriseId));
        Updates = await SendAsync(new ListAnnualUpdates(EnterpriseId));
        ValidTitles = (await SendAsync(new ListEnterpriseTitles(EnterpriseId))).Where(t => t.ValidToday).ToList();
        Fields = new ProfileFields(Profile, ProfileFields.RowsOf(Profile, ThisYear - 1, Year is { } y && y > 1999 && y <= ThisYear ? y : null),
            enterprise.CreditCode, enterprise.Name, enterprise.RegionCode);
    }
}
