using System.Text.Json.Nodes;
using Certification.Domain.Dynamic;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.ChangeReports;

/// <summary>
/// A certified enterprise reports a major change (<see cref="MajorChanges"/>: rename, merger, restructuring, moving
/// out of the province, an overseas branch) with the day it happened. A report later than
/// <c>Dynamic:ChangeReportMonths</c> (default 3) months after the change is accepted and flagged as late. The report
/// starts the <c>change-report</c> workflow, whose re-check task goes to the formal-stage reviewers of the region
/// (one commit). 409 when the enterprise holds no valid title.
/// </summary>
[AllowedCallers(Roles.Enterprise)]
public sealed record ReportChange(string EnterpriseId, string? Kind, DateOnly? ChangedOn, string? Description, string Actor) : IRequest<ChangeReportView>;

public sealed class ReportChangeValidator : IRequestValidator<ReportChange>
{
    public IEnumerable<FieldError> Validate(ReportChange request)
    {
        if (string.IsNullOrWhiteSpace(request.Kind))
            yield return new FieldError("kind", $"请选择变化类型（kind），可选：{MajorChanges.Choices}");
        else if (MajorChanges.Find(request.Kind) is null)
            yield return new FieldError("kind", $"未知的变化类型，可选：{MajorChanges.Choices}");
        if (request.ChangedOn is null) yield return new FieldError("changedOn", "请填写变化发生日期（changedOn，yyyy-MM-dd）");
        else if (request.ChangedOn.Value.Year < 2000) yield return new FieldError("changedOn", "变化发生日期不早于 2000 年");
        if (string.IsNullOrWhiteSpace(request.Description)) yield return new FieldError("description", "请说明变化情况（description）");
        else if (request.Description.Length > 2000) yield return new FieldError("description", "变化说明不超过 2000 个字符");
    }
}

public sealed class ReportChangeHandler(
    CertificationDbContext db, WorkflowRuntime runtime, TimeProvider clock, DynamicSettings settings, CallerContext callers)
    : IRequestHandler<ReportChange, ChangeReportView>
{
    public const string DefinitionId = "change-report";

    public async Task<ChangeReportView> Handle(ReportChange request, CancellationToken ct)
    {
        var enterprise = await db.Enterprises.AsNoTracking().VisibleTo(callers.Current).FirstOrDefaultAsync(e => e.Id == request.EnterpriseId, ct)
                         ?? throw new NotFoundException($"企业 {request.EnterpriseId} 不存在");
        var today = ChinaTime.Today(clock);
        if (!await db.Titles.AnyAsync(t => t.EnterpriseId == enterprise.Id && t.Status == TitleStatus.Valid && t.ValidUntil >= today, ct))
            throw new ConflictException("企业当前没有有效的称号，无需报告重大变化。");
        if (request.ChangedOn > today)
            throw new RequestValidationException("changedOn", $"变化发生日期 {request.ChangedOn:yyyy-MM-dd} 不能晚于今天（{today:yyyy-MM-dd}）");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var report = ChangeReport.File(Guid.CreateVersion7().ToString("D"), enterprise.Id, enterprise.RegionCode, request.Kind!.Trim(),
            request.ChangedOn!.Value, today, settings.ChangeReportMonths, request.Description!.Trim(), request.Actor, now);
        db.ChangeReports.Add(report);
        await db.SaveChangesAsync(ct);
        var input = new JsonObject
        {
            ["changeReportId"] = report.Id,
            ["enterpriseId"] = enterprise.Id,
            ["regionCode"] = enterprise.RegionCode,
            ["kind"] = report.Kind,
            ["late"] = report.Late,
        };
        StepAnswer started;
        try
        {
            started = await runtime.StartAsync(DefinitionId, input, report.Id, request.Actor, ct);
        }
        catch (NotFoundException e)
        {
            throw new ConflictException($"重大变化复核流程未发布，暂不能报告：{e.Message}");
        }
        if (started.Status == nameof(Engine.Execution.WorkflowStatus.Faulted))
            throw new ConflictException($"重大变化复核流程未能启动，本次报告未生效：{started.Message}");
        report.AttachWorkflow(started.InstanceId!);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (await ChangeReportViews.BuildAsync(db, [report], ct))[0];
    }
}
