using Certification.Api.Web;
using Certification.Workflows.Features.Publicity;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Public;

public sealed class PublicityModel : UiPage
{
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<PublicityEntry> Entries { get; private set; } = Paged<PublicityEntry>.Of([], 1);

    public async Task OnGetAsync() => Entries = Paged<PublicityEntry>.Of(await SendAsync(new ListPublicity()), PageNumber);
}
