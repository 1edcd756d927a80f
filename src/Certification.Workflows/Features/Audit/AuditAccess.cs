using Certification.Workflows.Access;
using Certification.Workflows.Mediation;

namespace Certification.Workflows.Features.Audit;

/// <summary>The audit log is read by regulators and administrators (and the system: CLI, tests); nobody else.</summary>
public static class AuditAccess
{
    public static void EnsureMayRead(Caller caller)
    {
        if (caller.IsSystem || caller.Is(Roles.Regulator) || caller.Is(Roles.Admin)) return;
        throw new ForbiddenException("只有监管部门或系统管理员可以查看审计日志。");
    }
}
