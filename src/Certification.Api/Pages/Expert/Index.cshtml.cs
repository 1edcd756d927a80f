using Certification.Workflows.Mediation;
using Certification.Api.Web;
using Certification.Workflows.Features.Experts;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Expert;

/// <summary>The expert's own seats, open ones first, by deadline.</summary>
public sealed class IndexModel(TimeProvider clock) : UiPage
{
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public ListPage<ExpertSeatView> Seats { get; private set; } = Pager.Cut<ExpertSeatView>([], 1);
    public DateTimeOffset Now => clock.GetUtcNow();

    public static string StatusLabel(string status) => status switch
    {
        "Assigned" => "待评分",
        "Submitted" => "已提交",
        "Declined" => "已回避/谢绝",
        _ => status,
    };

    public async Task OnGetAsync()
    {
        var expertId = Caller.ExpertId ?? throw new Workflows.Mediation.NotFoundException("当前账号未关联专家库记录，请联系管理员。");
        var seats = await SendAsync(new ListExpertAssignments(expertId));
        Seats = Pager.Cut(seats.OrderBy(s => s.Status != "Assigned").ThenBy(s => s.DueAt ?? DateTimeOffset.MaxValue).ToList(), PageNumber);
    }
}
