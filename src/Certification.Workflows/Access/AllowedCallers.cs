using System.Reflection;
using Certification.Workflows.Mediation;
using MediatR;

namespace Certification.Workflows.Access;

/// <summary>
/// The roles that may send a request at all (the HTTP policies say the same at the door; this holds for every other
/// way in, such as the web UI). A request without this attribute is for <see cref="Caller.System"/> only, so a
/// feature that forgets to declare its callers fails closed. Which rows a permitted caller reaches is the
/// handler's business (see <see cref="Visibility"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedCallersAttribute(params string[] roles) : Attribute
{
    /// <summary>Everyone, anonymous visitors included (public lists, objections).</summary>
    public const string Anyone = "*";

    /// <summary>Any signed-in user, whatever the role.</summary>
    public const string SignedIn = "signed-in";

    public IReadOnlyList<string> Roles { get; } = roles;

    public bool Admits(Caller caller) =>
        caller.IsSystem
        || Roles.Contains(Anyone)
        || (!caller.IsAnonymous && (Roles.Contains(SignedIn) || Roles.Contains(caller.Role)));
}

/// <summary>Refuses (403) a caller whose role the request's <see cref="AllowedCallersAttribute"/> does not name.</summary>
public sealed class AccessBehavior<TRequest, TResponse>(CallerContext? callers = null) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly AllowedCallersAttribute? Allowed = typeof(TRequest).GetCustomAttribute<AllowedCallersAttribute>();

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var caller = callers?.Current ?? Caller.System;
        if (caller.IsSystem || Allowed?.Admits(caller) == true) return next();
        throw new ForbiddenException(caller.IsAnonymous ? "请先登录。" : "当前账号的角色无权进行此操作。");
    }
}
