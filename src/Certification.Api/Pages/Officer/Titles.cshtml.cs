using Certification.Api.Web;
using Certification.Workflows.Features.Exports;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Officer;

/// <summary>
/// 称号撤销: the titles valid today in the officer's region, searched by enterprise name or credit code, paged in the
/// database (the approved list's own query, <see cref="ListApprovedTitles"/>); each leads to its enterprise and to the
/// revocation form.
/// </summary>
public sealed class TitlesModel : ApprovedListPageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    public Task OnGetAsync() => LoadAsync();

    protected override ApprovedListFilter Filter() => new(OrNull(Tier), OrNull(Region), null, null, "valid", OrNull(Search));
}
