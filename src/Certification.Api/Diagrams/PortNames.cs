namespace Certification.Api.Diagrams;

/// <summary>
/// The outcome ports of the built-in and certification activities in Chinese, short enough to sit in the gap between
/// two designer boxes. Ports the table does not know (a switch's case labels, a fork's branches) are shown as written.
/// </summary>
public static class PortNames
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        ["Done"] = "完成",
        ["True"] = "是",
        ["False"] = "否",
        ["Default"] = "其他",
        ["Submitted"] = "已提交",
        ["Withdrawn"] = "撤回",
        ["Expired"] = "逾期",
        ["Eligible"] = "符合",
        ["NotEligible"] = "不符合",
        ["Recommended"] = "推荐",
        ["NotRecommended"] = "未推荐",
        ["Returned"] = "退回",
        ["Rejected"] = "不通过",
        ["Passed"] = "通过",
        ["Failed"] = "未通过",
        ["Divergent"] = "分歧",
        ["Skipped"] = "未抽中",
        ["Clear"] = "无异议",
        ["ObjectionUpheld"] = "异议成立",
        ["Due"] = "到期",
        ["Renewed"] = "续期",
        ["Downgraded"] = "降级",
        ["Lapsed"] = "失效",
    };

    /// <summary>The label drawn on a connection leaving through <paramref name="port"/>.</summary>
    public static string Label(string port) => Chinese.GetValueOrDefault(port, port);

    /// <summary>"已提交（Submitted）": for lists and tooltips, where the port's own name helps someone editing the JSON.</summary>
    public static string Describe(string port) => Chinese.TryGetValue(port, out var label) ? $"{label}（{port}）" : port;
}
