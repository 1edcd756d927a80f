using Certification.Workflows.Runtime.Definitions;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Workflows;

/// <summary>The stored Elsa 3 JSON of a version (the latest when no version is given), as imported.</summary>
[AllowedCallers(Roles.Admin)]
public sealed record ExportDefinition(string DefinitionId, int? Version) : IRequest<string>;

public sealed class ExportDefinitionHandler(DefinitionStore store) : IRequestHandler<ExportDefinition, string>
{
    public async Task<string> Handle(ExportDefinition request, CancellationToken ct) =>
        (await store.GetAsync(request.DefinitionId, request.Version, ct)).Json;
}
