using Certification.Workflows.Mediation;
using Certification.Api.Web;
using Certification.Workflows.Features.Experts;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Admin;

/// <summary>The expert pool (专家库): list by region and name, and registering an expert.</summary>
public sealed class ExpertsModel : UiPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public string? Fields { get; set; }
    [BindProperty] public string? EmployerCreditCode { get; set; }
    [BindProperty] public string? RelatedCreditCodes { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public ListPage<ExpertView> Experts { get; private set; } = Pager.Cut<ExpertView>([], 1);

    // fields[2] and relatedCreditCodes[0] point into the lists typed one per line.
    protected override string FieldKey(string requestField) =>
        requestField.StartsWith("relatedCreditCodes", StringComparison.Ordinal) ? nameof(RelatedCreditCodes)
        : requestField.StartsWith("fields", StringComparison.Ordinal) ? nameof(Fields)
        : requestField switch
        {
            "name" => nameof(Name), "regionCode" => nameof(RegionCode), "employerCreditCode" => nameof(EmployerCreditCode), "userName" => nameof(UserName),
            _ => requestField,
        };

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, expert) = await TryAsync(new RegisterExpert(Name, RegionCode?.Trim(), Lines(Fields), EmployerCreditCode, Lines(RelatedCreditCodes), UserName));
        if (!ok)
        {
            await LoadAsync();
            return Page();
        }
        Notice = $"已将 {expert!.Name} 加入专家库（编号 {expert.Id}）。" + (expert.UserName is null ? "如需让其在线打分，请在“用户”中为其创建专家账号。" : "");
        return RedirectToPage();
    }

    /// <summary>One entry per line (commas and the Chinese 、 also separate).</summary>
    private static List<string> Lines(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private async Task LoadAsync()
    {
        var (ok, experts) = await TryAsync(new ListExperts(string.IsNullOrWhiteSpace(Region) ? null : Region.Trim()));
        Experts = Pager.Cut(ok ? experts! : [], PageNumber);
    }
}
