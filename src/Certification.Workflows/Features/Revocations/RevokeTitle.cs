using Certification.Domain.Dynamic;
using Certification.Domain.Time;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using Certification.Workflows.Runtime.Storage;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Revocations;

/// <summary>
/// An officer (a formal-stage reviewer of the enterprise's region, or an administrator) revokes a valid title (撤销)
/// on one of the rules' grounds (<see cref="RevocationReasons"/>, <c>GET /api/revocation-reasons</c>), with an
/// optional detail. The enterprise may not apply again for <c>Dynamic:ReapplyBanYears</c> (default 3) years: the ban
/// ends on the returned date (applying on that day is allowed again). An open re-evaluation of the title is closed.
/// </summary>
[AllowedCallers(Roles.Reviewer, Roles.Admin)]
public sealed record RevokeTitle(string TitleId, string? Reason, string? Detail, string Actor) : IRequest<Revocation>;

/// <param name="Reason">The ground's code.</param>
/// <param name="ReasonLabel">The ground in Chinese, as recorded on the title (with the detail).</param>
/// <param name="ReapplyBannedUntil">The enterprise may apply again from this date on.</param>
public sealed record Revocation(string TitleId, string CertificateNumber, string EnterpriseId, string Status, string Reason, string ReasonLabel,
    string StatusReason, DateOnly ReapplyBannedUntil);

public sealed class RevokeTitleValidator : IRequestValidator<RevokeTitle>
{
    public IEnumerable<FieldError> Validate(RevokeTitle request)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            yield return new FieldError("reason", $"请选择撤销理由（reason），可选：{RevocationReasons.Choices}");
        else if (RevocationReasons.Find(request.Reason) is null)
            yield return new FieldError("reason", $"未知的撤销理由“{Clip(request.Reason)}”，可选：{RevocationReasons.Choices}");
        if (request.Detail is { Length: > 400 }) yield return new FieldError("detail", "说明不超过 400 个字符");
    }

    internal static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

public sealed class RevokeTitleHandler(
    CertificationDbContext db, WorkflowRuntime runtime, TimeProvider clock, DynamicSettings settings, CallerContext callers)
    : IRequestHandler<RevokeTitle, Revocation>
{
    public async Task<Revocation> Handle(RevokeTitle request, CancellationToken ct)
    {
        var caller = callers.Current;
        caller.EnsureFormalStageOfficer("撤销称号");
        var visible = db.Enterprises.VisibleTo(caller).Select(e => e.Id);
        var title = await db.Titles.Where(t => visible.Contains(t.EnterpriseId)).FirstOrDefaultAsync(t => t.Id == request.TitleId, ct)
                    ?? throw new NotFoundException($"称号 {request.TitleId} 不存在");
        if (title.Status != TitleStatus.Valid)
            throw new ConflictException($"称号 {title.CertificateNumber} 当前状态为“{title.Status}”，不能撤销。");
        var today = ChinaTime.Today(clock);
        if (title.ValidUntil < today)
            throw new ConflictException($"称号 {title.CertificateNumber} 已于 {title.ValidUntil:yyyy-MM-dd} 届满失效，无需撤销。");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ground = RevocationReasons.Find(request.Reason)!;
        var detail = string.IsNullOrWhiteSpace(request.Detail) ? null : request.Detail.Trim();
        title.Revoke(detail is null ? ground.Label : $"{ground.Label}：{detail}", today);
        var enterprise = await db.Enterprises.FirstAsync(e => e.Id == title.EnterpriseId, ct);
        var until = today.AddYears(settings.ReapplyBanYears);
        // A ban already running longer stays.
        if (enterprise.ReapplyBannedUntil is not { } current || current < until) enterprise.BanReapplicationUntil(until);
        var now = clock.GetUtcNow().UtcDateTime;
        await ReEvaluationClosing.CloseAsync(db, runtime, [title.Id], $"称号已撤销（{ground.Label}）", request.Actor, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Revocation(title.Id, title.CertificateNumber, title.EnterpriseId, title.Status, ground.Code, ground.Label, title.StatusReason!,
            enterprise.ReapplyBannedUntil!.Value);
    }
}

/// <summary>The grounds for revoking a title, for the officer's form.</summary>
[AllowedCallers(AllowedCallersAttribute.SignedIn)]
public sealed record ListRevocationReasons : IRequest<IReadOnlyList<RevocationReason>>;

public sealed class ListRevocationReasonsHandler : IRequestHandler<ListRevocationReasons, IReadOnlyList<RevocationReason>>
{
    public Task<IReadOnlyList<RevocationReason>> Handle(ListRevocationReasons request, CancellationToken ct) => Task.FromResult(RevocationReasons.All);
}
