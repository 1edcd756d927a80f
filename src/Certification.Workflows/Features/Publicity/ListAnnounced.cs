using Certification.Domain.Criteria;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Publicity;

/// <summary>
/// The announced list (认定名单) for anyone: titles valid today, newest first, one page at a time, optionally of one
/// tier and one region prefix. Only what the announcement publishes (enterprise name, credit code, region, tier,
/// certificate number, validity).
/// </summary>
[AllowedCallers(AllowedCallersAttribute.Anyone)]
public sealed record ListAnnounced(string? Tier = null, string? RegionPrefix = null, int Page = 1, int PageSize = 20) : IRequest<AnnouncedPage>;

public sealed record AnnouncedTitle(string EnterpriseName, string CreditCode, string RegionCode, string Tier, string? TierName,
    string CertificateNumber, DateOnly IssuedOn, DateOnly ValidUntil);

public sealed record AnnouncedPage(IReadOnlyList<AnnouncedTitle> Items, int Page, int PageSize, int Total);

public sealed class ListAnnouncedValidator : IRequestValidator<ListAnnounced>
{
    public IEnumerable<FieldError> Validate(ListAnnounced request)
    {
        if (request.Page is < 1 or > 100_000) yield return new FieldError("page", "页码须为 1–100000");
        if (request.PageSize is < 1 or > 200) yield return new FieldError("pageSize", "每页条数须为 1–200");
        if (request.RegionPrefix is { Length: > 0 } r && (r.Length > 6 || !r.All(char.IsAsciiDigit)))
            yield return new FieldError("regionPrefix", "地区须为行政区划代码（或其前缀），只含数字");
    }
}

public sealed class ListAnnouncedHandler(CertificationDbContext db, CriteriaCatalog catalog, TimeProvider clock)
    : IRequestHandler<ListAnnounced, AnnouncedPage>
{
    public async Task<AnnouncedPage> Handle(ListAnnounced request, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var titles = db.Titles.AsNoTracking().Where(t => t.Status == TitleStatus.Valid && t.ValidUntil >= today);
        if (!string.IsNullOrWhiteSpace(request.Tier)) titles = titles.Where(t => t.Tier == request.Tier);
        var rows = from t in titles
                   join e in db.Enterprises.AsNoTracking() on t.EnterpriseId equals e.Id
                   select new { t, e.Name, e.CreditCode, e.RegionCode };
        if (!string.IsNullOrWhiteSpace(request.RegionPrefix)) rows = rows.Where(r => r.RegionCode.StartsWith(request.RegionPrefix));
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(r => r.t.IssuedOn).ThenBy(r => r.t.CertificateNumber)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(ct);
        return new AnnouncedPage(page.Select(r => new AnnouncedTitle(r.Name, r.CreditCode, r.RegionCode, r.t.Tier,
            TierNames.Of(catalog, r.t.CriteriaVersion, r.t.Tier), r.t.CertificateNumber, r.t.IssuedOn, r.t.ValidUntil)).ToList(),
            request.Page, request.PageSize, total);
    }
}
