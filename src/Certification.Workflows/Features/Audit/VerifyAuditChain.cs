using Certification.Workflows.Access;
using Certification.Workflows.Audit;
using Certification.Workflows.Persistence;
using MediatR;

namespace Certification.Workflows.Features.Audit;

/// <summary>Checks the whole audit chain: every entry intact, linked to its predecessor, none missing.</summary>
[AllowedCallers(Roles.Admin, Roles.Regulator)]
public sealed record VerifyAuditChain : IRequest<AuditVerification>;

public sealed class VerifyAuditChainHandler(CertificationDbContext db, CallerContext caller) : IRequestHandler<VerifyAuditChain, AuditVerification>
{
    public Task<AuditVerification> Handle(VerifyAuditChain request, CancellationToken ct)
    {
        AuditAccess.EnsureMayVerify(caller.Current);
        return AuditVerifier.VerifyAsync(db, ct);
    }
}
