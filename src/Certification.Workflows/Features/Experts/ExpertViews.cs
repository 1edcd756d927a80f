using System.Text.Json;
using Certification.Domain.Criteria;
using Certification.Domain.Review;
using Certification.Workflows.Features.Lifecycle;

namespace Certification.Workflows.Features.Experts;

public sealed record ExpertView(
    string Id,
    string Name,
    string RegionCode,
    IReadOnlyList<string> Fields,
    string? EmployerCreditCode,
    IReadOnlyList<string> RelatedCreditCodes,
    bool IsActive,
    string? UserName,
    DateTimeOffset CreatedAt)
{
    public static ExpertView Of(ExpertRecord e) =>
        new(e.Id, e.Name, e.RegionCode, e.Fields, e.EmployerCreditCode, e.RelatedCreditCodes, e.IsActive, e.UserName, LifecycleData.Utc(e.CreatedAt));
}

/// <summary>One indicator of a score sheet as stored with a submitted seat and shown to its expert.</summary>
public sealed record SheetIndicator(string Code, string Name, decimal Max, decimal? ComputedScore, string? ComputedReason, decimal? Score, string? Comment);

/// <summary>
/// Score sheets: built from the evaluation frozen with the application's latest submission, so every expert checks
/// the same computed scores (a departure from one needs a comment, see <see cref="ExpertScoreSheet.Validate"/>).
/// A tier without scored indicators (little giant) is scored on its six aspects, each by judgement.
/// </summary>
public static class ScoreSheets
{
    /// <summary>The little-giant rubric: the six aspects of annex 3, 100 points in all.</summary>
    public static readonly IReadOnlyList<SheetIndicator> LittleGiantRubric =
    [
        new("LG-1", "专业化（专）", 20, null, null, null, null),
        new("LG-2", "精细化（精）", 15, null, null, null, null),
        new("LG-3", "特色化（特）", 15, null, null, null, null),
        new("LG-4", "创新能力（新）", 25, null, null, null, null),
        new("LG-5", "产业链配套（链）", 15, null, null, null, null),
        new("LG-6", "主导产品所属领域（品）", 10, null, null, null, null),
    ];

    /// <summary>The blank sheet for an application's frozen evaluation.</summary>
    public static IReadOnlyList<SheetIndicator> Blank(Evaluation? evaluation) =>
        evaluation is { Indicators.Count: > 0 }
            ? evaluation.Indicators.Select(i => new SheetIndicator(i.Code, i.Name, i.Max, i.Score, i.Reason, null, null)).ToList()
            : LittleGiantRubric;

    public static ExpertScoreSheet ToDomain(string expertId, IEnumerable<SheetIndicator> indicators) =>
        new(expertId, indicators.Select(i => new ScoreSheetIndicator(i.Code, i.Max, i.ComputedScore, i.Score, i.Comment)));

    public static string Serialize(IReadOnlyList<SheetIndicator> indicators) => JsonSerializer.Serialize(indicators, CriteriaJson.Options);

    public static IReadOnlyList<SheetIndicator> Read(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<SheetIndicator>>(json, CriteriaJson.Options) ?? [];
}
