using System.Text.Json.Nodes;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Features.Tasks;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Experts;

/// <summary>
/// Fills the empty seats of an open expert-panel task from the pool, after an administrator added experts: a panel
/// task is created even when the pool was too small at the time, with the seats that could be filled.
/// </summary>
[AllowedCallers(Roles.Admin)]
public sealed record FillPanel(string TaskId) : IRequest<PanelFill>;

public sealed record PanelFill(string TaskId, PanelProgress Panel, string? Shortfall);

public sealed class FillPanelHandler(CertificationDbContext db, TimeProvider clock) : IRequestHandler<FillPanel, PanelFill>
{
    public async Task<PanelFill> Handle(FillPanel request, CancellationToken ct)
    {
        var task = await db.HumanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.TaskId, ct)
                   ?? throw new NotFoundException($"任务 {request.TaskId} 不存在");
        if (task.Role != LifecycleData.ExpertPanelRole) throw new ConflictException("该任务不是专家评审任务。");
        if (task.Status != HumanTaskStatus.Open) throw new ConflictException("该专家评审已结束。");
        var application = await db.Applications.FindAsync([task.CorrelationId ?? ""], ct)
                          ?? throw new NotFoundException($"任务 {task.Id} 对应的申请不存在");
        var spec = await db.OpenTaskSpecAsync(task, ct);
        var size = spec?.Data?["panelSize"] is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? n
            : Domain.Review.PanelDrawRequest.DefaultPanelSize(application.Tier);

        var seating = await ExpertPanels.SeatAsync(db, application, task.Id, size, clock.GetUtcNow().UtcDateTime, ct);
        application.MoveTo(application.Status); // serialise with the panel's submissions (see SubmitScores)
        await db.SaveChangesAsync(ct);
        var view = (await TaskViews.BuildAsync(db, [task], ct))[0];
        return new PanelFill(task.Id, view.Panel!, seating.Shortfall);
    }
}
