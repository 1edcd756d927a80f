using Certification.Workflows.Access;

namespace Certification.Api.Web;

/// <summary>The main navigation of each role: where its work is. The first entry is the role's home after sign-in.</summary>
public static class Navigation
{
    public sealed record Link(string Label, string Path);

    private static readonly Dictionary<string, Link[]> ByRole = new()
    {
        [Roles.Enterprise] =
        [
            new("我的申报", "/enterprise"),
            new("企业画像", "/enterprise/profile"),
            new("自评测算", "/enterprise/self-assessment"),
            new("证书", "/enterprise/certificates"),
            new("年度数据更新", "/enterprise/annual-update"),
            new("称号复核", "/enterprise/re-evaluations"),
            new("重大变化报告", "/enterprise/changes"),
        ],
        // Preliminary stage: its inbox; the dynamic-management pages to read (the formal stage decides there, see FormalReviewer).
        [Roles.Reviewer] = [new("待办任务", "/review"), new("重点关注名单", "/officer/watch-list"), new("重大变化复核", "/officer/changes")],
        [Roles.Expert] = [new("评审任务", "/expert")],
        [Roles.Admin] =
        [
            new("工作流", "/admin/workflows"),
            new("批次", "/admin/batches"),
            new("专家库", "/admin/experts"),
            new("用户", "/admin/users"),
            new("评价标准", "/admin/criteria"),
            new("复核确认", "/officer/re-evaluations"),
            new("重点关注名单", "/officer/watch-list"),
            new("称号撤销", "/officer/titles"),
            new("重大变化复核", "/officer/changes"),
            new("名单与导出", "/regulator/approved"),
            new("统计", "/regulator/statistics"),
            new("审计日志", "/regulator/audit"),
        ],
        [Roles.Regulator] =
        [
            new("名单与导出", "/regulator/approved"),
            new("统计", "/regulator/statistics"),
            new("审计日志", "/regulator/audit"),
        ],
    };

    /// <summary>The formal (provincial) stage also confirms re-evaluations, revokes titles, re-checks changes and resolves objections.</summary>
    private static readonly Link[] FormalReviewer =
    [
        new("待办任务", "/review"),
        new("复核确认", "/officer/re-evaluations"),
        new("重点关注名单", "/officer/watch-list"),
        new("称号撤销", "/officer/titles"),
        new("重大变化复核", "/officer/changes"),
        new("异议处理", "/review/objections"),
    ];

    private static Link[] WorkOf(Caller caller) =>
        caller.Is(Roles.Reviewer) && caller.ReviewStage == Roles.Stages.Formal ? FormalReviewer : ByRole.GetValueOrDefault(caller.Role, []);

    private static readonly Link[] Public =
    [
        new("首页", "/"),
        new("公示", "/publicity"),
        new("认定名单", "/announced"),
    ];

    /// <summary>Development only (the host runs a demo clock): administrators move it forward there.</summary>
    public static readonly Link DemoClock = new("演示时钟", "/admin/demo-clock");

    /// <summary>The links shown to <paramref name="caller"/>: its role's work first, then the public pages.</summary>
    public static IReadOnlyList<Link> For(Caller caller, bool demoClock = false) =>
        [.. WorkOf(caller), .. demoClock && caller.Role == Roles.Admin ? [DemoClock] : Array.Empty<Link>(), .. Public];

    public static string HomeOf(Caller caller) => WorkOf(caller) is [var first, ..] ? first.Path : "/";

    public static string RoleLabel(Caller caller) => caller.Role switch
    {
        Roles.Enterprise => "企业",
        Roles.Reviewer => caller.ReviewStage == Roles.Stages.Formal ? "审核员（审核）" : "审核员（初审）",
        Roles.Expert => "评审专家",
        Roles.Admin => "管理员",
        Roles.Regulator => "监管人员",
        _ => "访客",
    };

    /// <summary>The link the current path belongs to (longest matching prefix), for aria-current.</summary>
    public static bool IsCurrent(Link link, string path, IReadOnlyList<Link> all) =>
        all.Where(l => string.Equals(path, l.Path, StringComparison.OrdinalIgnoreCase)
                       || (l.Path != "/" && path.StartsWith(l.Path + "/", StringComparison.OrdinalIgnoreCase)))
            .MaxBy(l => l.Path.Length) == link;
}
