using Certification.Workflows.Mediation;
using Certification.Api.Web;
using Certification.Workflows.Features.Publicity;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Public;

public sealed class PublicityModel : UiPage
{
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public ListPage<PublicityEntry> Entries { get; private set; } = Pager.Cut<PublicityEntry>([], 1);

    public async Task OnGetAsync() => Entries = Pager.Cut(await SendAsync(new ListPublicity()), PageNumber);
}
