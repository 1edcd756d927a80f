using Certification.Domain.Applications;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Applications;

/// <summary>
/// Withdraws an application whose workflow waits for the applicant (a dossier returned for correction): the
/// submission task completes with Withdrawn and the application is closed, in one commit. Anywhere else, 409.
/// </summary>
[AllowedCallers(Roles.Enterprise)]
public sealed record WithdrawApplication(string ApplicationId, string Actor) : IRequest<ApplicationSummary>;

public sealed class WithdrawApplicationHandler(CertificationDbContext db, WorkflowRuntime runtime, TimeProvider clock, CallerContext callers)
    : IRequestHandler<WithdrawApplication, ApplicationSummary>
{
    public async Task<ApplicationSummary> Handle(WithdrawApplication request, CancellationToken ct)
    {
        var application = await db.Applications.VisibleTo(callers.Current, db).FirstOrDefaultAsync(a => a.Id == request.ApplicationId, ct)
                          ?? throw new NotFoundException($"申请 {request.ApplicationId} 不存在");
        if (application.WorkflowInstanceId is null)
            throw new ConflictException($"申请当前状态为“{ApplicationStatus.Label(application.Status)}”，尚未提交，没有可撤回的申报。");
        var task = await ApplicationRules.OpenSubmissionTaskAsync(db, application.WorkflowInstanceId, ct)
                   ?? throw new ConflictException(
                       $"申请当前状态为“{ApplicationStatus.Label(application.Status)}”，流程不在等待企业提交的环节，不能撤回。");

        // Tracked on the step's DbContext: the runtime's one SaveChanges commits it with the step.
        application.Withdraw(clock.GetUtcNow().UtcDateTime);
        var step = await runtime.ResumeAsync(task.Id, ApplicationRules.Outcome("Withdrawn"), request.Actor, ct);
        if (!step.Applied)
            throw new ConflictException($"申报流程未能接受撤回：{step.Message}");
        return ApplicationSummary.From(application);
    }
}
