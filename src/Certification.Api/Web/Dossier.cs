using Certification.Workflows.Features.Applications;

namespace Certification.Api.Web;

/// <summary>What the dossier partial shows: the application and its latest frozen submission.</summary>
public sealed record Dossier(ApplicationDetail Application, ApplicationVersionView? Version);
