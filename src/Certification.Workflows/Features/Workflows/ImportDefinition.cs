using Certification.Workflows.Runtime.Definitions;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Workflows;

/// <summary>Imports an Elsa 3 definition as a new draft version (the file's own version number is ignored).</summary>
[AllowedCallers(Roles.Admin)]
public sealed record ImportDefinition(string Json) : IRequest<DefinitionSummary>;

public sealed class ImportDefinitionHandler(DefinitionStore store) : IRequestHandler<ImportDefinition, DefinitionSummary>
{
    public async Task<DefinitionSummary> Handle(ImportDefinition request, CancellationToken ct) =>
        DefinitionSummary.From(await store.ImportAsync(request.Json, ct));
}
