using System.Diagnostics.CodeAnalysis;

namespace Certification.Domain.Review;

/// <summary>Not enough eligible experts: how many were needed, how many there were, and why the rest were excluded.</summary>
public sealed record PanelDrawFailure(
    int Needed,
    int Available,
    int PoolSize,
    IReadOnlyDictionary<ExclusionReason, int> Exclusions)
{
    public string Message
    {
        get
        {
            var text = $"可抽取的专家不足：需要 {Needed} 名，符合条件的仅 {Available} 名（专家库共 {PoolSize} 名）。";
            if (Exclusions.Count > 0)
            {
                text += "已排除："
                    + string.Join("；", Exclusions.OrderBy(e => e.Key).Select(e => $"{e.Key.Describe()} {e.Value} 名"))
                    + "。";
            }

            return text;
        }
    }
}

public sealed record PanelDrawResult(
    ExpertPanel? Panel,
    PanelDrawFailure? Failure,
    IReadOnlyDictionary<ExclusionReason, int> Exclusions)
{
    [MemberNotNullWhen(true, nameof(Panel))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Panel is not null;
}

public sealed record PanelReplacementResult(
    ExpertPanel? Panel,
    PanelMember? Substitute,
    PanelDrawFailure? Failure,
    IReadOnlyDictionary<ExclusionReason, int> Exclusions)
{
    [MemberNotNullWhen(true, nameof(Panel), nameof(Substitute))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Panel is not null;
}
