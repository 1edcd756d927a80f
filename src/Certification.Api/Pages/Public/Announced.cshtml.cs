using Certification.Workflows.Mediation;
using Certification.Api.Web;
using Certification.Workflows.Features.Publicity;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Public;

public sealed class AnnouncedModel : UiPage
{
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    protected override string FieldKey(string requestField) => requestField == "regionPrefix" ? nameof(Region) : requestField;

    public ListPage<AnnouncedTitle> Titles { get; private set; } = Pager.Cut<AnnouncedTitle>([], 1);

    public async Task OnGetAsync()
    {
        var (ok, page) = await TryAsync(new ListAnnounced(Tier, Region?.Trim(), Math.Max(1, PageNumber), Pager.PageSize));
        if (ok) Titles = new ListPage<AnnouncedTitle>(page!.Items, page.Page, page.PageSize, page.Total);
    }
}
