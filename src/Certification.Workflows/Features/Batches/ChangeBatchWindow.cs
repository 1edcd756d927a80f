using Certification.Domain.Criteria;
using Certification.Domain.Time;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Batches;

/// <summary>
/// Opens or closes a 申报批次 by moving its application window (closing early, extending, reopening). The window
/// governs first submissions only, and is checked when one is made: applications already submitted carry on.
/// </summary>
[AllowedCallers(Roles.Admin)]
public sealed record ChangeBatchWindow(string BatchId, DateOnly? OpensOn, DateOnly? ClosesOn) : IRequest<BatchView>;

public sealed class ChangeBatchWindowValidator : IRequestValidator<ChangeBatchWindow>
{
    public IEnumerable<FieldError> Validate(ChangeBatchWindow request)
    {
        if (request.OpensOn is null) yield return new FieldError("opensOn", "申报开始日期必填（yyyy-MM-dd）");
        if (request.ClosesOn is null) yield return new FieldError("closesOn", "申报截止日期必填（yyyy-MM-dd）");
        if (request.OpensOn is { } opens && request.ClosesOn is { } closes && closes < opens)
            yield return new FieldError("closesOn", $"截止日期（{closes:yyyy-MM-dd}）不能早于开始日期（{opens:yyyy-MM-dd}）");
    }
}

public sealed class ChangeBatchWindowHandler(CertificationDbContext db, CriteriaCatalog catalog, TimeProvider clock)
    : IRequestHandler<ChangeBatchWindow, BatchView>
{
    public async Task<BatchView> Handle(ChangeBatchWindow request, CancellationToken ct)
    {
        var batch = await db.Batches.FirstOrDefaultAsync(b => b.Id == request.BatchId, ct)
                    ?? throw new NotFoundException($"申报批次 {request.BatchId} 不存在");
        batch.ChangeWindow(request.OpensOn!.Value, request.ClosesOn!.Value);
        await db.SaveChangesAsync(ct);
        return BatchView.From(batch, ChinaTime.Today(clock), TierNames.Of(catalog, batch.CriteriaVersion, batch.Tier));
    }
}
