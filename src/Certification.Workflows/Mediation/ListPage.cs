using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Mediation;

/// <summary>Where a page stands in its list: what a pager needs to link the others.</summary>
public interface IPaging
{
    int Page { get; }
    int PageCount { get; }
    int Total { get; }
}

/// <summary>One page of a list query's rows, in the query's order, and how many rows the query holds in all.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total) : IPaging
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The same page with its rows made into views.</summary>
    public ListPage<TOut> With<TOut>(IReadOnlyList<TOut> items) => new(items, Page, PageSize, Total);
}

/// <summary>Paging of list queries in the database: the page checked, the rows counted, one page read.</summary>
public static class Paging
{
    /// <summary>The largest page a list query gives (and what a caller gets that asks for no page: the first rows up to this).</summary>
    public const int MaxPageSize = 1000;

    public static IEnumerable<FieldError> Check(int page, int pageSize)
    {
        if (page is < 1 or > 1_000_000) yield return new FieldError("page", "页码须在 1–1000000 之间");
        if (pageSize is < 1 or > MaxPageSize) yield return new FieldError("pageSize", $"每页条数须在 1–{MaxPageSize} 之间");
    }

    /// <summary>
    /// Counts the rows of an ordered query and reads page <paramref name="page"/> of them; a page past the last reads
    /// the last (as a pager shows the nearest page).
    /// </summary>
    public static async Task<ListPage<T>> PageAsync<T>(this IQueryable<T> ordered, int page, int pageSize, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        page = Nearest(page, total, pageSize);
        var rows = total == 0 ? [] : await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new ListPage<T>(rows, page, pageSize, total);
    }

    /// <summary>Cuts page <paramref name="page"/> (the nearest there is) out of rows already in order in memory.</summary>
    public static ListPage<T> Cut<T>(IReadOnlyList<T> all, int page, int pageSize)
    {
        page = Nearest(page, all.Count, pageSize);
        return new ListPage<T>(all.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, all.Count);
    }

    private static int Nearest(int page, int total, int pageSize) => Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
}
