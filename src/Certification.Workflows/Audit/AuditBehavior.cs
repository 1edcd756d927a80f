using MediatR;

namespace Certification.Workflows.Audit;

/// <summary>Names the running command for the audit entries its commits write: the request's type and its fields.</summary>
public sealed class AuditBehavior<TRequest, TResponse>(AuditTrail trail) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using (trail.Name(typeof(TRequest).Name, AuditDescription.Of(request)))
            return await next();
    }
}
