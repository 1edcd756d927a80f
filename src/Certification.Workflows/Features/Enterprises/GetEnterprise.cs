using Certification.Domain.Enterprises;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Enterprises;

[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator)]
public sealed record GetEnterprise(string Id) : IRequest<EnterpriseView>;

public sealed class GetEnterpriseHandler(CertificationDbContext db, CallerContext callers, TimeProvider clock) : IRequestHandler<GetEnterprise, EnterpriseView>
{
    public async Task<EnterpriseView> Handle(GetEnterprise request, CancellationToken ct) =>
        EnterpriseView.From(await EnterpriseLookup.FindAsync(db, callers.Current, request.Id, ct), Domain.Time.ChinaTime.Today(clock));
}

/// <summary>Look-ups shared by the enterprise features.</summary>
internal static class EnterpriseLookup
{
    /// <summary>The enterprise, if the caller may see it; otherwise 404 as if it did not exist.</summary>
    public static async Task<Enterprise> FindAsync(CertificationDbContext db, Caller caller, string id, CancellationToken ct) =>
        await db.Enterprises.VisibleTo(caller).FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException($"企业 {id} 不存在");
}
