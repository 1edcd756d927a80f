using Certification.Api.Http;
using Certification.Api.Web;
using Certification.Workflows.Features.Publicity;
using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Certification.Api.Pages.Public;

/// <summary>The objection form of one enterprise in publicity; limited per client address like the API's.</summary>
[EnableRateLimiting(RateLimits.Objections)]
public sealed class ObjectionModel : UiPage
{
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public string? Text { get; set; }

    protected override string FieldKey(string requestField) => requestField == "content" ? nameof(Text) : requestField;

    public PublicityEntry? Entry { get; private set; }
    public ObjectionReceipt? Receipt { get; private set; }

    public async Task OnGetAsync(string applicationId) => await LoadAsync(applicationId);

    public async Task<IActionResult> OnPostAsync(string applicationId)
    {
        await LoadAsync(applicationId);
        (_, Receipt) = await TryAsync(new LodgeObjection(applicationId, ContactName, ContactPhone, Text));
        return Page();
    }

    private async Task LoadAsync(string applicationId) =>
        Entry = (await SendAsync(new ListPublicity())).FirstOrDefault(e => e.ApplicationId == applicationId)
                ?? throw new NotFoundException("该企业不在公示期内");
}
