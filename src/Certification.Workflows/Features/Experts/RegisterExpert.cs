using System.Text.Json;
using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Experts;

/// <summary>Adds an expert to the review pool (专家库).</summary>
[AllowedCallers(Roles.Admin)]
public sealed record RegisterExpert(
    string? Name,
    string? RegionCode,
    IReadOnlyList<string>? Fields,
    string? EmployerCreditCode = null,
    IReadOnlyList<string>? RelatedCreditCodes = null,
    string? UserName = null) : IRequest<ExpertView>;

public sealed class RegisterExpertValidator : IRequestValidator<RegisterExpert>
{
    public IEnumerable<FieldError> Validate(RegisterExpert request)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 50)
            yield return new FieldError("name", "专家姓名必填，且不超过 50 个字符");
        if (!RegionCode.IsValid(request.RegionCode))
            yield return new FieldError("regionCode", "所在地区须为 6 位行政区划代码");
        var fields = request.Fields ?? [];
        if (fields.Count == 0 || fields.All(string.IsNullOrWhiteSpace))
            yield return new FieldError("fields", "请至少填写一个专业领域");
        if (fields.Count > 20) yield return new FieldError("fields", "专业领域最多 20 个");
        for (var i = 0; i < fields.Count; i++)
            if (fields[i] is { Length: > 50 })
                yield return new FieldError($"fields[{i}]", "专业领域不超过 50 个字符");
        if (!string.IsNullOrWhiteSpace(request.EmployerCreditCode) && !CreditCode.TryValidate(request.EmployerCreditCode.Trim().ToUpperInvariant(), out var error))
            yield return new FieldError("employerCreditCode", $"任职单位统一社会信用代码无效：{error}");
        var related = request.RelatedCreditCodes ?? [];
        if (related.Count > 100) yield return new FieldError("relatedCreditCodes", "回避企业最多 100 家");
        for (var i = 0; i < related.Count; i++)
            if (!CreditCode.TryValidate(related[i]?.Trim().ToUpperInvariant(), out var relatedError))
                yield return new FieldError($"relatedCreditCodes[{i}]", $"统一社会信用代码无效：{relatedError}");
        if (request.UserName is { Length: > 100 })
            yield return new FieldError("userName", "用户名不超过 100 个字符");
    }
}

public sealed class RegisterExpertHandler(CertificationDbContext db, TimeProvider clock) : IRequestHandler<RegisterExpert, ExpertView>
{
    public async Task<ExpertView> Handle(RegisterExpert request, CancellationToken ct)
    {
        var userName = string.IsNullOrWhiteSpace(request.UserName) ? null : request.UserName.Trim();
        if (userName is not null && await db.Experts.AnyAsync(e => e.UserName == userName, ct))
            throw new ConflictException($"用户名“{userName}”已绑定其他专家");
        var expert = new ExpertRecord
        {
            Id = Guid.CreateVersion7().ToString("D"),
            Name = request.Name!.Trim(),
            RegionCode = request.RegionCode!,
            FieldsJson = JsonSerializer.Serialize(request.Fields!.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList()),
            RelatedCreditCodesJson = JsonSerializer.Serialize((request.RelatedCreditCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList()),
            EmployerCreditCode = string.IsNullOrWhiteSpace(request.EmployerCreditCode) ? null : request.EmployerCreditCode.Trim().ToUpperInvariant(),
            UserName = userName,
            IsActive = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Experts.Add(expert);
        await db.SaveChangesAsync(ct);
        return ExpertView.Of(expert);
    }
}
