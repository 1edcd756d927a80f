using Certification.Workflows.Access;
using Certification.Workflows.Mediation;

namespace Certification.Workflows.Features.Audit;

/// <summary>
/// The audit log spans every region, so its entries are read by administrators and national regulators only;
/// any regulator may check that the chain is intact (the answer names no one).
/// </summary>
public static class AuditAccess
{
    public static void EnsureMayRead(Caller caller)
    {
        if (caller.IsSystem || caller.Is(Roles.Admin) || (caller.Is(Roles.Regulator) && caller.RegionPrefix.Length == 0)) return;
        throw new ForbiddenException("审计日志涵盖全国各地区，只有系统管理员或全国范围的监管部门可以查看条目。");
    }

    public static void EnsureMayVerify(Caller caller)
    {
        if (caller.IsSystem || caller.Is(Roles.Regulator) || caller.Is(Roles.Admin)) return;
        throw new ForbiddenException("只有监管部门或系统管理员可以校验审计日志。");
    }
}
