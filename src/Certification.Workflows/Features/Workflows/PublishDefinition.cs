using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Validation;
using Certification.Workflows.Mediation;
using Certification.Workflows.Runtime.Definitions;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Workflows;

/// <summary>
/// Publishes a version after validating it; the previously published version is retracted. A definition with
/// validation errors is refused with every error, each naming the activity.
/// </summary>
[AllowedCallers(Roles.Admin)]
public sealed record PublishDefinition(string DefinitionId, int Version) : IRequest<DefinitionSummary>;

public sealed class PublishDefinitionHandler(DefinitionStore store, ActivityRegistry registry)
    : IRequestHandler<PublishDefinition, DefinitionSummary>
{
    public async Task<DefinitionSummary> Handle(PublishDefinition request, CancellationToken ct)
    {
        var record = await store.GetAsync(request.DefinitionId, request.Version, ct);
        var errors = DefinitionValidator.Validate(WorkflowDefinitionReader.Read(record.Json), registry);
        if (errors.Count > 0)
            throw new RequestValidationException(errors
                .Select(e => new FieldError($"activities[{e.ActivityId}]", $"{e.ActivityName}: {e.Message}"))
                .ToList());
        return DefinitionSummary.From(await store.PublishAsync(request.DefinitionId, request.Version, ct));
    }
}
