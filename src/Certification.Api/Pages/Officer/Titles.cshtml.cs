using Certification.Api.Web;
using Certification.Workflows.Features.Exports;
using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Officer;

/// <summary>
/// 称号撤销: the titles valid today in the officer's region, searched by enterprise name or credit code, paged in the
/// database (the approved list's own query, <see cref="ListApprovedTitles"/>); each leads to its enterprise and to the
/// revocation form.
/// </summary>
public sealed class TitlesModel : OfficerPage
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<ApprovedListRow> Titles { get; private set; } = Paged<ApprovedListRow>.Of([], 1);

    protected override string FieldKey(string requestField) => requestField switch
    {
        "search" => nameof(Search), "tier" => nameof(Tier), "region" => nameof(Region),
        _ => requestField,
    };

    public async Task OnGetAsync()
    {
        var filter = new ApprovedListFilter(Empty(Tier), Empty(Region), null, null, "valid", Empty(Search));
        try
        {
            var (ok, page) = await TryAsync(new ListApprovedTitles(filter, Math.Max(1, PageNumber), Paged<ApprovedListRow>.DefaultSize));
            if (ok) Titles = new Paged<ApprovedListRow>(page!.Items, page.Page, page.PageSize, page.Total);
        }
        catch (ForbiddenException e)
        {
            ModelState.AddModelError(nameof(Region), e.Message + " 请填写本账号范围内的地区代码，或留空查看全部。");
        }
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
