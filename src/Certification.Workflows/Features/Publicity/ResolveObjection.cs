using System.Text.Json.Nodes;
using Certification.Domain.Applications;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Publicity;

/// <summary>
/// An officer resolves an objection. Dismissed: only the objection is closed, the publicity runs on. Upheld: the
/// decision is recorded and the application's open publicity task resumes with ObjectionUpheld (the definitions send
/// it back to review) — in one commit. 409 when the objection was resolved before, or the publicity is over.
/// </summary>
[AllowedCallers(Roles.Reviewer)]
public sealed record ResolveObjection(string ObjectionId, bool? Upheld, string? Resolution, string Actor) : IRequest<ObjectionResolution>;

public sealed record ObjectionResolution(string Id, string ApplicationId, string Status, string ApplicationStatus, string ApplicationStatusLabel);

public sealed class ResolveObjectionValidator : IRequestValidator<ResolveObjection>
{
    public IEnumerable<FieldError> Validate(ResolveObjection request)
    {
        if (request.Upheld is null) yield return new FieldError("upheld", "请选择异议是否成立（upheld）");
        if (string.IsNullOrWhiteSpace(request.Resolution)) yield return new FieldError("resolution", "请填写处理理由");
        else if (request.Resolution.Length > 2000) yield return new FieldError("resolution", "处理理由不超过 2000 个字符");
    }
}

public sealed class ResolveObjectionHandler(CertificationDbContext db, WorkflowRuntime runtime, TimeProvider clock, CallerContext callers)
    : IRequestHandler<ResolveObjection, ObjectionResolution>
{
    public async Task<ObjectionResolution> Handle(ResolveObjection request, CancellationToken ct)
    {
        var caller = callers.Current;
        // Publicity follows the formal stage: its reviewers decide objections, within their region.
        if (caller.Is(Roles.Reviewer) && caller.ReviewStage != Roles.Stages.Formal)
            throw new ForbiddenException("异议由审核环节的审核人员处理。");
        var objection = await db.Objections.VisibleTo(caller, db).FirstOrDefaultAsync(o => o.Id == request.ObjectionId, ct)
                        ?? throw new NotFoundException($"异议 {request.ObjectionId} 不存在");
        var application = await db.Applications.FindAsync([objection.ApplicationId], ct)
                          ?? throw new NotFoundException($"申请 {objection.ApplicationId} 不存在");
        var now = clock.GetUtcNow().UtcDateTime;
        var resolution = request.Resolution!.Trim();
        objection.Resolve(request.Upheld!.Value, resolution, request.Actor, now);

        if (!request.Upheld.Value)
        {
            await db.SaveChangesAsync(ct);
            return Result();
        }

        var task = await db.HumanTasks.AsNoTracking()
            .Where(t => t.CorrelationId == application.Id && t.ActivityType == LifecycleData.PublicityType && t.Status == HumanTaskStatus.Open)
            .OrderByDescending(t => t.CreatedAt)
            .FirstOrDefaultAsync(ct)
            ?? throw new ConflictException(
                $"该申请已不在公示期（当前状态：{ApplicationStatus.Label(application.Status)}），不能再按异议成立退回审查；如需撤销称号，请按撤销程序办理。");
        db.ReviewDecisions.Add(new ReviewDecision(application.Id, "公示异议处理", "ObjectionUpheld", resolution, request.Actor, now));
        var payload = new JsonObject { ["outcome"] = "ObjectionUpheld", ["objectionId"] = objection.Id, ["resolution"] = resolution };
        var answer = await runtime.ResumeAsync(task.Id, payload, request.Actor, ct);
        if (!answer.Applied) throw new ConflictException("公示已在此期间结束或已被他人处理，本次处理未生效，请刷新后查看。");
        return Result();

        ObjectionResolution Result() => new(objection.Id, application.Id, objection.Status, application.Status, ApplicationStatus.Label(application.Status));
    }
}
