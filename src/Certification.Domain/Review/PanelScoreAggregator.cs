using System.Diagnostics.CodeAnalysis;

namespace Certification.Domain.Review;

public enum PanelOutcome
{
    Passed,
    Failed,

    /// <summary>The experts disagree too much for a mean to mean anything: the dossier goes back for discussion or re-scoring.</summary>
    Divergent,
}

/// <param name="PassScore">Aggregated score at or above which the panel passes the dossier.</param>
/// <param name="DivergenceThreshold">Spread (highest − lowest total) above which the outcome is divergent.</param>
public sealed record ScoreAggregationSettings(decimal PassScore = 60m, decimal DivergenceThreshold = 15m)
{
    public static ScoreAggregationSettings Default { get; } = new();
}

/// <param name="Score">Unrounded mean of <paramref name="CountedScores"/>; every comparison uses this.</param>
/// <param name="Spread">Highest minus lowest of all submitted totals, trimmed ones included.</param>
public sealed record PanelScore(
    decimal Score,
    decimal Spread,
    PanelOutcome Outcome,
    IReadOnlyList<decimal> SubmittedScores,
    IReadOnlyList<decimal> CountedScores,
    decimal? DroppedHighest,
    decimal? DroppedLowest)
{
    /// <summary>For display only: two decimals, halves away from zero (the way people round by hand).</summary>
    public decimal DisplayScore => Math.Round(Score, 2, MidpointRounding.AwayFromZero);
}

public sealed record PanelScoreResult(PanelScore? Score, string? Error)
{
    [MemberNotNullWhen(true, nameof(Score))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Score is not null;
}

/// <summary>
/// Combines a panel's totals. From five scores on, one highest and one lowest are dropped so a single
/// outlier cannot carry the result; a smaller panel cannot spare them. Divergence is judged on all
/// submitted totals, outliers included, because that is the disagreement that needs resolving.
/// </summary>
public static class PanelScoreAggregator
{
    public const int TrimFrom = 5;
    public const decimal MaxTotal = 100m;

    public static PanelScoreResult Aggregate(
        IReadOnlyCollection<decimal> totals, int panelSize, ScoreAggregationSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentOutOfRangeException.ThrowIfLessThan(panelSize, 1);
        settings ??= ScoreAggregationSettings.Default;
        ValidateSettings(settings);

        if (totals.Count < panelSize)
        {
            return Refuse($"评分未齐：评审组共 {panelSize} 名专家，仅收到 {totals.Count} 份评分，不能汇总");
        }

        if (totals.Count > panelSize)
        {
            return Refuse($"评分份数有误：评审组共 {panelSize} 名专家，却收到 {totals.Count} 份评分");
        }

        var outOfRange = totals.Where(t => t < 0 || t > MaxTotal).ToArray();
        if (outOfRange.Length > 0)
        {
            return Refuse($"专家总分 {string.Join("、", outOfRange.Select(NumberText.Of))} 超出 0–100 分的范围");
        }

        var sorted = totals.Order().ToArray();
        var trim = sorted.Length >= TrimFrom;
        var counted = trim ? sorted[1..^1] : sorted;
        var mean = counted.Sum() / counted.Length;
        var spread = sorted[^1] - sorted[0];
        var outcome = spread > settings.DivergenceThreshold ? PanelOutcome.Divergent
            : mean >= settings.PassScore ? PanelOutcome.Passed
            : PanelOutcome.Failed;

        return new PanelScoreResult(
            new PanelScore(
                mean,
                spread,
                outcome,
                totals.ToArray(),
                counted,
                trim ? sorted[^1] : null,
                trim ? sorted[0] : null),
            null);
    }

    /// <summary>Aggregates the panel's sheets; refuses when one is invalid or an expert submitted twice.</summary>
    public static PanelScoreResult AggregateSheets(
        IReadOnlyCollection<ExpertScoreSheet> sheets, int panelSize, ScoreAggregationSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var twice = sheets.GroupBy(s => s.ExpertId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            return Refuse($"专家 {twice.Key} 提交了多份评分表");
        }

        foreach (var sheet in sheets)
        {
            var errors = sheet.Validate();
            if (errors.Count > 0)
            {
                return Refuse($"专家 {sheet.ExpertId} 的评分表有误：{string.Join("；", errors)}");
            }
        }

        return Aggregate(sheets.Select(s => s.Total).ToArray(), panelSize, settings);
    }

    private static void ValidateSettings(ScoreAggregationSettings settings)
    {
        if (settings.PassScore is < 0 or > MaxTotal)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.PassScore, "Pass score must be within 0..100.");
        }

        if (settings.DivergenceThreshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.DivergenceThreshold, "Divergence threshold must not be negative.");
        }
    }

    private static PanelScoreResult Refuse(string error) => new(null, error);
}
