using Certification.Workflows.Runtime.Definitions;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Workflows;

/// <summary>Takes the published version out of service: no new instance starts on it; running ones continue.</summary>
[AllowedCallers(Roles.Admin)]
public sealed record RetractDefinition(string DefinitionId) : IRequest<DefinitionSummary>;

public sealed class RetractDefinitionHandler(DefinitionStore store) : IRequestHandler<RetractDefinition, DefinitionSummary>
{
    public async Task<DefinitionSummary> Handle(RetractDefinition request, CancellationToken ct) =>
        DefinitionSummary.From(await store.RetractAsync(request.DefinitionId, ct));
}
