using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Tasks;

/// <summary>One task; an open one also says which outcomes it takes and the activity's parameters.</summary>
[AllowedCallers(Roles.Reviewer, Roles.Expert, Roles.Admin, Roles.Regulator)]
public sealed record GetTask(string Id) : IRequest<TaskView>;

public sealed class GetTaskHandler(CertificationDbContext db, ActivityRegistry registry, CallerContext callers) : IRequestHandler<GetTask, TaskView>
{
    public async Task<TaskView> Handle(GetTask request, CancellationToken ct)
    {
        var task = await db.HumanTasks.AsNoTracking().VisibleTo(callers.Current, db).FirstOrDefaultAsync(t => t.Id == request.Id, ct)
                   ?? throw new NotFoundException($"任务 {request.Id} 不存在");
        var view = (await TaskViews.BuildAsync(db, [task], ct))[0];
        if (task.Status != HumanTaskStatus.Open) return view;
        var spec = await db.OpenTaskSpecAsync(task, ct);
        var outcomes = spec?.Outcomes is { Count: > 0 } allowed ? allowed
            : registry.Find(task.ActivityType)?.Descriptor.Outcomes ?? [];
        return view with { Outcomes = outcomes, Data = spec?.Data };
    }
}
