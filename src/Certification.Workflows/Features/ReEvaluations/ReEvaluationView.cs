using System.Text.Json;
using Certification.Domain.Criteria;
using Certification.Domain.Dynamic;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.ReEvaluations;

/// <summary>
/// A re-evaluation (复核) as the API and the web UI show it. <see cref="AllowedOutcomes"/> lists what an officer may
/// confirm while it awaits confirmation (the proposal, or the stricter Lapsed); <see cref="Evaluations"/> (detail
/// only) holds the evaluation of the title's tier and of each lower tier tried, under <see cref="CriteriaVersion"/>.
/// </summary>
public sealed record ReEvaluationView(
    string Id,
    string TitleId,
    string CertificateNumber,
    string EnterpriseId,
    string EnterpriseName,
    string RegionCode,
    string Tier,
    string? TierName,
    DateOnly TitleValidUntil,
    string Status,
    string StatusLabel,
    DateTime OpenedAt,
    DateTime? SubmittedAt,
    string? CriteriaVersion,
    string? ProposedOutcome,
    string? ProposedTier,
    string? Outcome,
    string? OutcomeTier,
    string? Reason,
    string? DecidedBy,
    DateTime? DecidedAt,
    string? NewTitleId,
    IReadOnlyList<string> AllowedOutcomes,
    IReadOnlyList<Evaluation>? Evaluations);

internal static class ReEvaluationViews
{
    public static async Task<List<ReEvaluationView>> BuildAsync(CertificationDbContext db, CriteriaCatalog catalog, IReadOnlyList<ReEvaluation> rows,
        bool detail, CancellationToken ct)
    {
        var titleIds = rows.Select(r => r.TitleId).Distinct().ToList();
        var enterpriseIds = rows.Select(r => r.EnterpriseId).Distinct().ToList();
        var numbers = await db.Titles.AsNoTracking().Where(t => titleIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.CertificateNumber, ct);
        var names = await db.Enterprises.AsNoTracking().Where(e => enterpriseIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return rows.Select(r => new ReEvaluationView(
                r.Id, r.TitleId, numbers.GetValueOrDefault(r.TitleId, ""), r.EnterpriseId, names.GetValueOrDefault(r.EnterpriseId, ""),
                r.RegionCode, r.Tier, TierNames.Of(catalog, r.CriteriaVersion ?? CriteriaCatalog.DefaultVersion, r.Tier), r.TitleValidUntil,
                r.Status, ReEvaluationStatus.Label(r.Status), r.OpenedAt, r.SubmittedAt, r.CriteriaVersion, r.ProposedOutcome, r.ProposedTier,
                r.Outcome, r.OutcomeTier, r.Reason, r.DecidedBy, r.DecidedAt, r.NewTitleId, AllowedOutcomes(r),
                detail ? ReadEvaluations(r.EvaluationsJson) : null))
            .ToList();
    }

    /// <summary>An officer confirms the proposal, or lets the title lapse (never renews what the data does not support).</summary>
    public static IReadOnlyList<string> AllowedOutcomes(ReEvaluation r) =>
        r.Status != ReEvaluationStatus.AwaitingConfirmation || r.ProposedOutcome is null ? []
        : r.ProposedOutcome == TitleCheck.Lapsed ? [TitleCheck.Lapsed]
        : [r.ProposedOutcome, TitleCheck.Lapsed];

    private static IReadOnlyList<Evaluation> ReadEvaluations(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try { return JsonSerializer.Deserialize<List<Evaluation>>(json, CriteriaJson.Options) ?? []; }
        catch (JsonException) { return []; }
    }
}
