using Certification.Api.Web;
using Certification.Domain.Dynamic;
using Certification.Domain.Time;
using Certification.Workflows;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.Revocations;
using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Officer;

/// <summary>
/// 撤销称号 in two steps: the ground (the rules' grounds, in Chinese) and a detail, then a confirmation that says it is
/// irreversible and how long the ban on reapplying lasts; only the confirmation sends <see cref="RevokeTitle"/>. The
/// enterprise's page then shows the ban's end date.
/// </summary>
public sealed class RevokeModel(DynamicSettings settings, TimeProvider clock) : OfficerPage
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Detail { get; set; }

    public EnterpriseView Enterprise { get; private set; } = null!;
    public TitleView Title { get; private set; } = null!;
    public IReadOnlyList<RevocationReason> Reasons { get; private set; } = [];

    /// <summary>True on the confirmation step (the input was checked and is shown back).</summary>
    public bool Confirming { get; private set; }

    public int BanYears => settings.ReapplyBanYears;

    /// <summary>The ban's end if the title is revoked today (a longer ban already running stays).</summary>
    public DateOnly BanUntil
    {
        get
        {
            var until = ChinaTime.Today(clock).AddYears(settings.ReapplyBanYears);
            return Enterprise.ReapplyBannedUntil is { } current && current > until ? current : until;
        }
    }

    public string ReasonLabel => RevocationReasons.Find(Reason)?.Label ?? "";

    public async Task OnGetAsync(string enterpriseId, string titleId) => await LoadAsync(enterpriseId, titleId);

    /// <summary>Step 1 → 2: checks the input with the feature's own rules, then asks for confirmation.</summary>
    public async Task<IActionResult> OnPostReviewAsync(string enterpriseId, string titleId)
    {
        await LoadAsync(enterpriseId, titleId);
        Confirming = CanDecide && Validates(new RevokeTitle(titleId, Reason, Detail, Caller.UserName));
        return Page();
    }

    /// <summary>Back from the confirmation to the form, the input kept.</summary>
    public async Task<IActionResult> OnPostEditAsync(string enterpriseId, string titleId)
    {
        await LoadAsync(enterpriseId, titleId);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string enterpriseId, string titleId)
    {
        await LoadAsync(enterpriseId, titleId);
        var (ok, done) = await TryAsync(new RevokeTitle(titleId, Reason, Detail, Caller.UserName));
        if (ok)
        {
            Notice = $"已撤销称号 {done!.CertificateNumber}（{done.StatusReason}）。{Enterprise.Name} 在 {Display.Date(done.ReapplyBannedUntil)} 之前不得重新申报（自该日起可重新申报）。";
            return RedirectToPage("/Officer/Enterprise", new { id = enterpriseId });
        }
        return Page();
    }

    private async Task LoadAsync(string enterpriseId, string titleId)
    {
        Enterprise = await SendAsync(new GetEnterprise(enterpriseId));
        Title = (await SendAsync(new ListEnterpriseTitles(enterpriseId))).FirstOrDefault(t => t.Id == titleId)
                ?? throw new NotFoundException($"称号 {titleId} 不存在");
        Reasons = await SendAsync(new ListRevocationReasons());
    }
}
