using Certification.Workflows.Mediation;

namespace Certification.Api.Web;

/// <summary>The web pages' lists: 20 rows a page, under the shared pager (<c>Pages/Shared/_Pager.cshtml</c>).</summary>
public static class Pager
{
    public const int PageSize = 20;

    /// <summary>Cuts page <paramref name="page"/> (1-based, the nearest there is) out of a list already in order.</summary>
    public static ListPage<T> Cut<T>(IReadOnlyList<T> all, int page, int pageSize = PageSize) => Paging.Cut(all, page, pageSize);
}
