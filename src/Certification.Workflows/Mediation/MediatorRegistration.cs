using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Workflows.Mediation;

/// <summary>
/// MediatR 5.1.0 has no DI package on our feed, so handlers and behaviours are registered here
/// with a few lines of reflection.
/// </summary>
public static class MediatorRegistration
{
    private static readonly Type[] HandlerInterfaces =
    [
        typeof(IRequestHandler<,>),
        typeof(INotificationHandler<>),
        typeof(IRequestValidator<>),
    ];

    public static IServiceCollection AddMediatorHandlers(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        // Outermost first: the audit names the command before validation runs.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(Audit.AuditBehavior<,>));
        // Who may send a request is checked before its content: a refused caller learns nothing from validation.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(Access.AccessBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition) continue;
            foreach (var contract in type.GetInterfaces())
            {
                if (contract.IsGenericType && HandlerInterfaces.Contains(contract.GetGenericTypeDefinition()))
                    services.AddScoped(contract, type);
            }
        }
        return services;
    }
}
