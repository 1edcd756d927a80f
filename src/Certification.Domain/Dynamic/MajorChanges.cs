namespace Certification.Domain.Dynamic;

/// <summary>A kind of major change (重大变化) a certified enterprise must report.</summary>
public sealed record MajorChangeKind(string Code, string Label);

/// <summary>
/// The major changes of the 2022 rules that a certified enterprise reports within a deadline (3 months by default)
/// so that the authority can re-check its title.
/// </summary>
public static class MajorChanges
{
    public static readonly IReadOnlyList<MajorChangeKind> All =
    [
        new("rename", "更名"),
        new("merger", "合并"),
        new("restructuring", "重组"),
        new("relocation", "迁出省份（跨省迁移）"),
        new("overseas-branch", "设立境外分支机构"),
    ];

    public static MajorChangeKind? Find(string? code) =>
        All.FirstOrDefault(k => string.Equals(k.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Choices => string.Join("、", All.Select(k => $"{k.Code}（{k.Label}）"));

    /// <summary>The last day a change of <paramref name="changedOn"/> may be reported on time.</summary>
    public static DateOnly ReportDueBy(DateOnly changedOn, int months) => changedOn.AddMonths(months);
}
