using Certification.Domain.Enterprises;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Enterprises;

public sealed record GetEnterprise(string Id) : IRequest<EnterpriseView>;

public sealed class GetEnterpriseHandler(CertificationDbContext db) : IRequestHandler<GetEnterprise, EnterpriseView>
{
    public async Task<EnterpriseView> Handle(GetEnterprise request, CancellationToken ct) =>
        EnterpriseView.From(await EnterpriseLookup.FindAsync(db, request.Id, ct));
}

/// <summary>Look-ups shared by the enterprise features.</summary>
internal static class EnterpriseLookup
{
    public static async Task<Enterprise> FindAsync(CertificationDbContext db, string id, CancellationToken ct) =>
        await db.Enterprises.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException($"企业 {id} 不存在");
}
