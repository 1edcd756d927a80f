namespace Certification.Domain.Review;

/// <summary>
/// One indicator on an expert's sheet. <see cref="ComputedScore"/> is what the criteria engine
/// computed from the profile (<c>null</c> for an indicator that needs judgement, such as 特色化);
/// <see cref="Score"/> is what the expert gives (<c>null</c> until they do).
/// </summary>
public sealed record ScoreSheetIndicator(
    string Code,
    decimal Max,
    decimal? ComputedScore = null,
    decimal? Score = null,
    string? Comment = null)
{
    public bool NeedsJudgement => ComputedScore is null;

    public bool DepartsFromComputed => ComputedScore is { } computed && Score is { } score && score != computed;

    public bool HasComment => !string.IsNullOrWhiteSpace(Comment);
}

/// <summary>
/// An expert's score sheet: scores for the indicators that need judgement, and a check of the
/// computed ones. Departing from a computed score is allowed but must be explained, because the
/// computed score is backed by the enterprise's own data and the departure will be audited.
/// </summary>
public sealed class ExpertScoreSheet
{
    private readonly ScoreSheetIndicator[] _indicators;

    public ExpertScoreSheet(string expertId, IEnumerable<ScoreSheetIndicator> indicators)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expertId);
        ArgumentNullException.ThrowIfNull(indicators);
        _indicators = indicators.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var indicator in _indicators)
        {
            ArgumentNullException.ThrowIfNull(indicator, nameof(indicators));
            ArgumentException.ThrowIfNullOrWhiteSpace(indicator.Code);
            if (!seen.Add(indicator.Code))
            {
                throw new ArgumentException($"Indicator '{indicator.Code}' appears more than once on the sheet.", nameof(indicators));
            }

            if (indicator.Max <= 0)
            {
                throw new ArgumentException($"Indicator '{indicator.Code}' has maximum {indicator.Max}; it must be positive.", nameof(indicators));
            }

            if (indicator.ComputedScore is { } computed && (computed < 0 || computed > indicator.Max))
            {
                throw new ArgumentException(
                    $"Indicator '{indicator.Code}' has computed score {computed} outside 0..{indicator.Max}.", nameof(indicators));
            }
        }

        ExpertId = expertId;
    }

    public string ExpertId { get; }

    /// <summary>The indicators in rubric order.</summary>
    public IReadOnlyList<ScoreSheetIndicator> Indicators => _indicators;

    public ScoreSheetIndicator this[string code] =>
        _indicators.FirstOrDefault(i => i.Code == code)
        ?? throw new KeyNotFoundException($"Indicator '{code}' is not on the sheet.");

    /// <summary>Sum of the scores given so far; the panel's total only once <see cref="Validate"/> finds nothing.</summary>
    public decimal Total => _indicators.Sum(i => i.Score ?? 0m);

    public bool IsValid => Validate().Count == 0;

    /// <summary>A copy of the sheet with the expert's score (and comment) for one indicator.</summary>
    public ExpertScoreSheet WithScore(string code, decimal score, string? comment = null)
    {
        var index = Array.FindIndex(_indicators, i => i.Code == code);
        if (index < 0)
        {
            throw new KeyNotFoundException($"Indicator '{code}' is not on the sheet.");
        }

        var indicators = (ScoreSheetIndicator[])_indicators.Clone();
        indicators[index] = indicators[index] with { Score = score, Comment = comment };
        return new ExpertScoreSheet(ExpertId, indicators);
    }

    /// <summary>A copy in which every computed indicator not yet scored takes its computed score: the expert's "checked, agreed".</summary>
    public ExpertScoreSheet ConfirmComputed() =>
        new(ExpertId, _indicators.Select(i => i.Score is null && i.ComputedScore is { } c ? i with { Score = c } : i));

    /// <summary>Every problem with the sheet, in rubric order, in Chinese; empty when it can be submitted.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var i in _indicators)
        {
            if (i.Score is not { } score)
            {
                errors.Add(i.NeedsJudgement
                    ? $"指标 {i.Code} 尚未评分"
                    : $"指标 {i.Code} 尚未核对（系统计算 {NumberText.Of(i.ComputedScore!.Value)} 分）");
                continue;
            }

            if (score < 0 || score > i.Max)
            {
                errors.Add($"指标 {i.Code} 评分 {NumberText.Of(score)} 超出 0–{NumberText.Of(i.Max)} 分的范围");
            }

            if (i.DepartsFromComputed && !i.HasComment)
            {
                errors.Add($"指标 {i.Code} 评分 {NumberText.Of(score)} 与系统计算的 {NumberText.Of(i.ComputedScore!.Value)} 分不一致，须填写说明");
            }
        }

        return errors;
    }
}
