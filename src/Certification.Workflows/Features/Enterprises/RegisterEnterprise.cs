using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Enterprises;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Enterprises;

/// <summary>Registers an enterprise under its 统一社会信用代码 (GB 32100, check digit included); one record per code.</summary>
[AllowedCallers(Roles.Admin)]
public sealed record RegisterEnterprise(
    string? CreditCode,
    string? Name,
    string? RegionCode,
    string? ContactName = null,
    string? ContactPhone = null,
    string? ContactEmail = null) : IRequest<EnterpriseView>
{
    public string NormalizedCreditCode => (CreditCode ?? "").Trim().ToUpperInvariant();
}

public sealed class RegisterEnterpriseValidator : IRequestValidator<RegisterEnterprise>
{
    public IEnumerable<FieldError> Validate(RegisterEnterprise request)
    {
        if (string.IsNullOrWhiteSpace(request.CreditCode))
            yield return new FieldError("creditCode", "统一社会信用代码必填");
        else if (!CreditCode.TryValidate(request.NormalizedCreditCode, out var error))
            yield return new FieldError("creditCode", error);
        if (string.IsNullOrWhiteSpace(request.Name))
            yield return new FieldError("name", "企业名称必填");
        if (string.IsNullOrWhiteSpace(request.RegionCode))
            yield return new FieldError("regionCode", "所在地区（6 位行政区划代码）必填");
        else if (!RegionCode.IsValid(request.RegionCode.Trim()))
            yield return new FieldError("regionCode", $"所在地区“{request.RegionCode}”不是有效的 6 位行政区划代码");
    }
}

public sealed class RegisterEnterpriseHandler(CertificationDbContext db, TimeProvider clock) : IRequestHandler<RegisterEnterprise, EnterpriseView>
{
    public async Task<EnterpriseView> Handle(RegisterEnterprise request, CancellationToken ct)
    {
        var code = request.NormalizedCreditCode;
        await EnsureNotRegisteredAsync(code, ct);
        var enterprise = Enterprise.Register(Guid.CreateVersion7().ToString("D"), code, request.Name!, request.RegionCode!.Trim(),
            Blank(request.ContactName), Blank(request.ContactPhone), Blank(request.ContactEmail), clock.GetUtcNow().UtcDateTime);
        db.Enterprises.Add(enterprise);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another registration of the same code: the unique index refused ours.
            db.ChangeTracker.Clear();
            await EnsureNotRegisteredAsync(code, ct);
            throw;
        }
        return EnterpriseView.From(enterprise);
    }

    private async Task EnsureNotRegisteredAsync(string code, CancellationToken ct)
    {
        var existing = await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == code)
            .Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        if (existing is not null)
            throw new ConflictException($"统一社会信用代码 {code} 已登记（企业“{existing.Name}”，编号 {existing.Id}），不能重复登记。");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
