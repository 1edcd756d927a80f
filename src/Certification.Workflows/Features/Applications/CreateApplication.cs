using Certification.Domain.Applications;
using Certification.Domain.Criteria;
using Certification.Domain.Time;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Applications;

/// <summary>
/// Starts a draft application of an enterprise in a batch; the tier and criteria version come from the batch. The
/// batch must cover the enterprise's region and not have closed; an enterprise under a reapplication ban, or with an
/// application of the same tier in process, or with a draft in the same batch, is refused.
/// </summary>
[AllowedCallers(Roles.Enterprise)]
public sealed record CreateApplication(string? EnterpriseId, string? BatchId) : IRequest<ApplicationDetail>;

public sealed class CreateApplicationValidator : IRequestValidator<CreateApplication>
{
    public IEnumerable<FieldError> Validate(CreateApplication request)
    {
        if (string.IsNullOrWhiteSpace(request.EnterpriseId)) yield return new FieldError("enterpriseId", "必须指定申报企业（enterpriseId）");
        if (string.IsNullOrWhiteSpace(request.BatchId)) yield return new FieldError("batchId", "必须指定申报批次（batchId）");
    }
}

public sealed class CreateApplicationHandler(CertificationDbContext db, CriteriaCatalog catalog, TimeProvider clock, CallerContext callers)
    : IRequestHandler<CreateApplication, ApplicationDetail>
{
    public async Task<ApplicationDetail> Handle(CreateApplication request, CancellationToken ct)
    {
        // The duplicate checks and the insert are one transaction (on SQLite it takes the write lock at once).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Another enterprise's id reads as unknown: an account acts for its own enterprise only.
        var enterprise = await db.Enterprises.AsNoTracking().VisibleTo(callers.Current).FirstOrDefaultAsync(e => e.Id == request.EnterpriseId, ct)
                         ?? throw new RequestValidationException("enterpriseId", $"企业 {request.EnterpriseId} 不存在");
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == request.BatchId, ct)
                    ?? throw new RequestValidationException("batchId", $"申报批次 {request.BatchId} 不存在");
        if (!batch.Covers(enterprise.RegionCode))
            throw new RequestValidationException("batchId",
                $"批次“{batch.Name}”面向地区 {batch.RegionPrefix}，企业所在地区 {enterprise.RegionCode} 不在其范围内，请选择本地区的批次");

        var today = ChinaTime.Today(clock);
        batch.EnsureAcceptsDraftsOn(today);
        enterprise.EnsureMayApplyOn(today);
        if (await ApplicationRules.OtherInProcessAsync(db, enterprise.Id, batch.Tier, null, ct) is { } other)
            throw new ConflictException(ApplicationRules.DuplicateMessage(other));
        var draft = await db.Applications.AsNoTracking()
            .Where(a => a.EnterpriseId == enterprise.Id && a.BatchId == batch.Id && a.Status == ApplicationStatus.Draft)
            .Select(a => a.Id).FirstOrDefaultAsync(ct);
        if (draft is not null)
            throw new ConflictException($"该企业在批次“{batch.Name}”中已有草稿申请 {draft}，请继续填写该申请。");

        var application = Application.Draft(Guid.CreateVersion7().ToString("D"), enterprise.Id, batch.Id, batch.Tier, enterprise.RegionCode,
            batch.CriteriaVersion, clock.GetUtcNow().UtcDateTime);
        db.Applications.Add(application);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await ApplicationDetail.LoadAsync(db, catalog, clock, application.Id, ct);
    }
}
