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
    public static Paged<T> Of(IReadOnlyList<T> all, int page, int pageSize = DefaultSize)
    {
        var count = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, count);
        return new Paged<T>(all.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, all.Count);
    }
}
