using Certification.Api.Web;
using Certification.Domain.Time;
using Certification.Workflows.Features.Enterprises;

namespace Certification.Api.Pages.Enterprise;

/// <summary>证书与称号: every title of the enterprise; a revoked one with its ground, date and the reapplication ban.</summary>
public sealed class CertificatesModel(TimeProvider clock) : EnterprisePage
{
    public IReadOnlyList<TitleView> Titles { get; private set; } = [];
    public EnterpriseView Enterprise { get; private set; } = null!;

    public int DaysLeft(TitleView title) => title.ValidUntil.DayNumber - ChinaTime.Today(clock).DayNumber;

    public async Task OnGetAsync()
    {
        Enterprise = await SendAsync(new GetEnterprise(EnterpriseId));
        Titles = (await SendAsync(new ListEnterpriseTitles(EnterpriseId))).OrderByDescending(t => t.ValidToday).ThenByDescending(t => t.IssuedOn).ToList();
    }
}
