using Certification.Api.Web;
using Certification.Workflows.Audit;
using Certification.Workflows.Features.Audit;
using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Regulator;

/// <summary>
/// The audit log, newest first, with its filters and pages, and the verification of its hash chain. Entries span
/// every region, so a regional regulator may verify the chain but not read the entries (the features decide).
/// </summary>
public sealed class AuditModel : UiPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Command { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Target { get; set; }
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public ListPage<AuditEntryView>? Entries { get; private set; }
    public string? NotPermitted { get; private set; }
    public AuditVerification? Verification { get; private set; }

    protected override string FieldKey(string requestField) => requestField switch
    {
        "user" => nameof(Actor), "command" => nameof(Command), "from" => nameof(From), "to" => nameof(To), "target" => nameof(Target),
        _ => requestField,
    };

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Walks the whole chain; the answer names the first broken entry and why.</summary>
    public async Task<IActionResult> OnPostVerifyAsync()
    {
        Verification = await SendAsync(new VerifyAuditChain());
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        try
        {
            var (ok, page) = await TryAsync(new ListAuditEntries(Empty(Actor), Empty(Command), Empty(From), Empty(To), Empty(Target), Math.Max(1, PageNumber), PageSize));
            if (ok) Entries = new ListPage<AuditEntryView>(page!.Items, page.Page, page.PageSize, (int)Math.Min(int.MaxValue, page.Total));
        }
        catch (ForbiddenException e)
        {
            NotPermitted = e.Message;
        }
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string ReasonText(string? reason) => reason switch
    {
        "altered" => "条目内容被修改（内容与其哈希不符）",
        "missing" => "条目被删除（序号不连续）",
        "reordered" => "条目顺序被调换",
        "broken-link" => "前后条目的哈希链接断开",
        "truncated" => "末尾的条目被删除（与链头记录不符）",
        null or "" => "",
        var other => other,
    };

    public static string RoleText(string role) => role switch
    {
        "enterprise" => "企业", "reviewer" => "审核员", "expert" => "专家", "admin" => "管理员", "regulator" => "监管部门", "system" => "系统",
        _ => role,
    };
}
