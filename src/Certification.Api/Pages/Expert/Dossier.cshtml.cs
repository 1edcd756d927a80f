using Certification.Api.Web;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Experts;

namespace Certification.Api.Pages.Expert;

/// <summary>The dossier of the application an expert's seat scores (the features let an expert read only its seats' applications).</summary>
public sealed class DossierModel : UiPage
{
    public string SeatId { get; private set; } = "";
    public Dossier Dossier { get; private set; } = null!;

    public async Task OnGetAsync(string id)
    {
        SeatId = id;
        var sheet = await SendAsync(new GetScoreSheet(id));
        var application = await SendAsync(new GetApplication(sheet.ApplicationId));
        var version = application.CurrentVersion > 0 ? await SendAsync(new GetApplicationVersion(application.Id, application.CurrentVersion)) : null;
        Dossier = new Dossier(application, version);
    }
}
