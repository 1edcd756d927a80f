using Certification.Workflows.Runtime.Definitions;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Workflows;

/// <summary>Every stored version of every definition, by definition and version.</summary>
[AllowedCallers(Roles.Admin)]
public sealed record ListDefinitions : IRequest<IReadOnlyList<DefinitionSummary>>;

public sealed class ListDefinitionsHandler(DefinitionStore store) : IRequestHandler<ListDefinitions, IReadOnlyList<DefinitionSummary>>
{
    public async Task<IReadOnlyList<DefinitionSummary>> Handle(ListDefinitions request, CancellationToken ct) =>
        (await store.ListAsync(ct)).Select(DefinitionSummary.From).ToList();
}
