using Certification.Workflows.Mediation;

namespace Certification.Api.Web;

/// <summary>One page of a long list, and what the pager needs to link the others.</summary>
public interface IPaging
{
    int Page { get; }
    int PageCount { get; }
    int Total { get; }
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total) : IPaging
{
    public const int DefaultSize = 20;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>Cuts page <paramref name="page"/> (1-based, clamped) out of a list already in order.</summary>
    public static Paged<T> Of(IReadOnlyList<T> all, int page, int pageSize = DefaultSize) => From(Paging.Cut(all, page, pageSize));

    /// <summary>A page a list query cut in the database.</summary>
    public static Paged<T> From(ListPage<T> page) => new(page.Items, page.Page, page.PageSize, page.Total);
}
