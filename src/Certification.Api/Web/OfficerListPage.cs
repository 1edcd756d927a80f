using Certification.Workflows.Features.Exports;
using Certification.Workflows.Mediation;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Web;

/// <summary>
/// An officer's list page: its filters (the page's own properties, bound from the query string), its rows a page at a
/// time as the list query cuts them in the database, and a decision posted from a row. A page says only its filters,
/// its query (<see cref="QueryAsync"/>) and its decision (<see cref="DecideAsync{TResult}"/>).
/// </summary>
public abstract class OfficerListPage<T> : OfficerPage
{
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public ListPage<T> Rows { get; private set; } = Pager.Cut<T>([], 1);

    /// <summary>Page <paramref name="page"/> of the rows under the page's filters; null when the query refused them (the refusals are in the model state).</summary>
    protected abstract Task<ListPage<T>?> QueryAsync(int page, int pageSize);

    protected async Task LoadAsync() => Rows = await QueryAsync(Math.Max(1, PageNumber), Pager.PageSize) ?? Pager.Cut<T>([], 1);

    /// <summary>A list query's page; its refusals become model errors.</summary>
    protected async Task<ListPage<T>?> PageAsync(IRequest<ListPage<T>> query)
    {
        var (ok, page) = await TryAsync(query);
        return ok ? page! : null;
    }

    /// <summary>
    /// A decision on a row of the list: done, its notice and back to the list (with <paramref name="routeValues"/>);
    /// refused, the list again with the refusals at the form.
    /// </summary>
    protected async Task<IActionResult> DecideAsync<TResult>(IRequest<TResult> decision, Func<TResult, string> notice, object? routeValues = null)
    {
        var (ok, done) = await TryAsync(decision);
        if (ok)
        {
            Notice = notice(done!);
            return RedirectToPage(routeValues);
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>A filter left blank filters nothing.</summary>
    protected static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// A page of the approved list (认定名单, <see cref="ListApprovedTitles"/>) filtered by tier and region (and what the page
/// adds); a region beyond the account's is refused at its field rather than with a bare 403.
/// </summary>
public abstract class ApprovedListPageModel : OfficerListPage<ApprovedListRow>
{
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    /// <summary>The list's filter from the page's fields.</summary>
    protected abstract ApprovedListFilter Filter();

    /// <summary>The filter fields the list query may refuse, each shown at the page's field of that name.</summary>
    protected override string FieldKey(string requestField) => requestField switch
    {
        "tier" or "region" or "search" or "batch" or "year" or "status" => char.ToUpperInvariant(requestField[0]) + requestField[1..],
        _ => requestField,
    };

    protected override async Task<ListPage<ApprovedListRow>?> QueryAsync(int page, int pageSize)
    {
        try
        {
            var (ok, rows) = await TryAsync(new ListApprovedTitles(Filter(), page, pageSize));
            return ok ? new ListPage<ApprovedListRow>(rows!.Items, rows.Page, rows.PageSize, rows.Total) : null;
        }
        catch (ForbiddenException e)
        {
            ModelState.AddModelError(nameof(Region), e.Message + " 请填写本账号范围内的地区代码，或留空查看全部。");
            return null;
        }
    }
}
