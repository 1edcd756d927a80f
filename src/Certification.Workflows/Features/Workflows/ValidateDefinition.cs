using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Validation;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Workflows;

/// <summary>Checks an Elsa 3 document as publishing would, without storing anything.</summary>
[AllowedCallers(Roles.Admin)]
public sealed record ValidateDefinition(string Json) : IRequest<DefinitionValidity>;

/// <summary><c>{"valid", "errors": [{"activityId", "activityName", "message"}]}</c>.</summary>
public sealed record DefinitionValidity(bool Valid, IReadOnlyList<ValidationError> Errors);

public sealed class ValidateDefinitionHandler(ActivityRegistry registry) : IRequestHandler<ValidateDefinition, DefinitionValidity>
{
    public Task<DefinitionValidity> Handle(ValidateDefinition request, CancellationToken ct)
    {
        IReadOnlyList<ValidationError> errors;
        try
        {
            errors = DefinitionValidator.Validate(WorkflowDefinitionReader.Read(request.Json), registry);
        }
        catch (WorkflowDefinitionFormatException e)
        {
            errors = [new ValidationError("", "", e.Message)];
        }
        return Task.FromResult(new DefinitionValidity(errors.Count == 0, errors));
    }
}
