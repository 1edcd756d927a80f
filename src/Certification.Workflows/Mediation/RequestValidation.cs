using MediatR;

namespace Certification.Workflows.Mediation;

/// <summary>
/// Checks a request before its handler runs. Features declare one beside their handler;
/// every validator of a request runs and all errors are reported together.
/// </summary>
public interface IRequestValidator<in TRequest>
{
    IEnumerable<FieldError> Validate(TRequest request);
}

public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IRequestValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var errors = validators.SelectMany(v => v.Validate(request)).ToList();
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return next();
    }
}
