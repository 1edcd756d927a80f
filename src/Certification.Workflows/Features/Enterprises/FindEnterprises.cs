using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Enterprises;

/// <summary>Finds enterprises by credit code or by region prefix ("33", "3301", "330106"); at most 200, by name.</summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record FindEnterprises(string? CreditCode, string? RegionPrefix) : IRequest<IReadOnlyList<EnterpriseView>>;

public sealed class FindEnterprisesHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<FindEnterprises, IReadOnlyList<EnterpriseView>>
{
    public async Task<IReadOnlyList<EnterpriseView>> Handle(FindEnterprises request, CancellationToken ct)
    {
        var query = db.Enterprises.AsNoTracking().VisibleTo(callers.Current);
        if (!string.IsNullOrWhiteSpace(request.CreditCode))
        {
            var code = request.CreditCode.Trim().ToUpperInvariant();
            query = query.Where(e => e.CreditCode == code);
        }
        if (!string.IsNullOrWhiteSpace(request.RegionPrefix))
        {
            var prefix = request.RegionPrefix.Trim();
            query = query.Where(e => e.RegionCode.StartsWith(prefix));
        }
        var found = await query.OrderBy(e => e.Name).Take(200).ToListAsync(ct);
        return found.Select(EnterpriseView.From).ToList();
    }
}
