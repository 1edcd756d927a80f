using Certification.Api.Web;
using Certification.Workflows.Features.Batches;

namespace Certification.Api.Pages.Public;

public sealed class IndexModel : UiPage
{
    public IReadOnlyList<OpenBatch> Batches { get; private set; } = [];

    public async Task OnGetAsync() => Batches = await SendAsync(new ListOpenBatches());
}
