using Certification.Api.Web;
using Certification.Domain.Time;
using Certification.Workflows.Features.Enterprises;

namespace Certification.Api.Pages.Enterprise;

public sealed class CertificatesModel(TimeProvider clock) : EnterprisePage
{
    public IReadOnlyList<TitleView> Titles { get; private set; } = [];

    public int DaysLeft(TitleView title) => title.ValidUntil.DayNumber - ChinaTime.Today(clock).DayNumber;

    public async Task OnGetAsync() =>
        Titles = (await SendAsync(new ListEnterpriseTitles(EnterpriseId))).OrderByDescending(t => t.ValidToday).ThenByDescending(t => t.IssuedOn).ToList();
}
