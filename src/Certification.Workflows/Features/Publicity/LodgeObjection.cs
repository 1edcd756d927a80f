using Certification.Domain.Applications;
using Certification.Domain.Publicity;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Publicity;

/// <summary>Anyone objects (异议) to an application in publicity, leaving a name and phone; 409 outside publicity.</summary>
[AllowedCallers(AllowedCallersAttribute.Anyone)]
public sealed record LodgeObjection(string? ApplicationId, string? ContactName, string? ContactPhone, string? Content) : IRequest<ObjectionReceipt>;

public sealed record ObjectionReceipt(string Id, string ApplicationId, string Status, DateTimeOffset LodgedAt, string Message);

public sealed class LodgeObjectionValidator : IRequestValidator<LodgeObjection>
{
    public IEnumerable<FieldError> Validate(LodgeObjection request)
    {
        if (string.IsNullOrWhiteSpace(request.ApplicationId)) yield return new FieldError("applicationId", "请指明对哪一项公示提出异议（applicationId）");
        if (string.IsNullOrWhiteSpace(request.ContactName) || request.ContactName.Trim().Length > 50)
            yield return new FieldError("contactName", "请填写联系人姓名（不超过 50 个字符）");
        if (string.IsNullOrWhiteSpace(request.ContactPhone) || request.ContactPhone.Trim().Length > 30)
            yield return new FieldError("contactPhone", "请填写联系电话（不超过 30 个字符）");
        if (string.IsNullOrWhiteSpace(request.Content) || request.Content.Trim().Length > 2000)
            yield return new FieldError("content", "请填写异议内容（不超过 2000 个字符）");
    }
}

public sealed class LodgeObjectionHandler(CertificationDbContext db, TimeProvider clock) : IRequestHandler<LodgeObjection, ObjectionReceipt>
{
    public async Task<ObjectionReceipt> Handle(LodgeObjection request, CancellationToken ct)
    {
        var application = await db.Applications.FindAsync([request.ApplicationId!], ct)
                          ?? throw new NotFoundException($"公示对象 {request.ApplicationId} 不存在");
        var now = clock.GetUtcNow().UtcDateTime;
        if (application.Status != ApplicationStatus.Publicity || application.PublicityEndsAt is not { } ends || ends <= now)
            throw new ConflictException("该企业当前不在公示期内，不能提出异议。");
        var objection = Objection.Lodge(Guid.CreateVersion7().ToString("D"), application.Id, request.ContactName!, request.ContactPhone!, request.Content!, now);
        db.Objections.Add(objection);
        await db.SaveChangesAsync(ct);
        return new ObjectionReceipt(objection.Id, application.Id, objection.Status, LifecycleData.Utc(objection.LodgedAt),
            "异议已受理，主管部门将核实处理并与您联系。");
    }
}
