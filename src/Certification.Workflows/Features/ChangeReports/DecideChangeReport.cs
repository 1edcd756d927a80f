using Certification.Domain.Dynamic;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.ChangeReports;

/// <summary>
/// An officer (formal-stage reviewer of the region, or an administrator) re-checks a reported major change: Kept (the
/// titles stand) or Revoked (every valid title of the enterprise is revoked with the officer's reason). A revocation
/// here bars no reapplication by itself; to revoke on one of the rules' grounds with the ban, use RevokeTitle. The
/// decision and the workflow's step commit together; 409 when already decided.
/// </summary>
[AllowedCallers(Roles.Reviewer, Roles.Admin)]
public sealed record DecideChangeReport(string ChangeReportId, string? Decision, string? Reason, string Actor) : IRequest<ChangeReportView>;

public sealed class DecideChangeReportValidator : IRequestValidator<DecideChangeReport>
{
    public IEnumerable<FieldError> Validate(DecideChangeReport request)
    {
        if (request.Decision?.Trim() is not (ChangeReportStatus.Kept or ChangeReportStatus.Revoked))
            yield return new FieldError("decision", "请选择复核结论（decision）：Kept（保留称号）或 Revoked（撤销称号）");
        if (string.IsNullOrWhiteSpace(request.Reason)) yield return new FieldError("reason", "请填写复核意见（reason）");
        else if (request.Reason.Length > 2000) yield return new FieldError("reason", "复核意见不超过 2000 个字符");
    }
}

public sealed class DecideChangeReportHandler(CertificationDbContext db, WorkflowRuntime runtime, TimeProvider clock, CallerContext callers)
    : IRequestHandler<DecideChangeReport, ChangeReportView>
{
    public async Task<ChangeReportView> Handle(DecideChangeReport request, CancellationToken ct)
    {
        callers.Current.EnsureFormalStageOfficer("重大变化复核");
        var report = await db.ChangeReports.VisibleTo(callers.Current).FirstOrDefaultAsync(r => r.Id == request.ChangeReportId, ct)
                     ?? throw new NotFoundException($"重大变化报告 {request.ChangeReportId} 不存在");
        if (report.Status != ChangeReportStatus.Open)
            throw new ConflictException($"该报告已由 {report.DecidedBy} 处理（{ChangeReportStatus.Label(report.Status)}），不能重复处理。");
        var decision = request.Decision!.Trim();
        var reason = request.Reason!.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        // The titles the workflow's Revoke step is about to revoke: their open re-evaluations close in the same commit.
        var titleIds = await db.Titles.Where(t => t.EnterpriseId == report.EnterpriseId && t.Status == TitleStatus.Valid).Select(t => t.Id).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        report.Decide(decision, reason, request.Actor, now);
        await OfficerDecision.ResumeAsync(db, runtime, report.WorkflowInstanceId, "Certification.ChangeReview", decision, reason, request.Actor, "重大变化复核", ct);
        if (decision == ChangeReportStatus.Revoked)
            await ReEvaluationClosing.CloseAsync(db, runtime, titleIds, "重大变化复核后称号已撤销", request.Actor, now, ct);
        await transaction.CommitAsync(ct);
        return (await ChangeReportViews.BuildAsync(db, [report], ct))[0];
    }
}
