using Certification.Workflows.Access;
using Microsoft.AspNetCore.Authorization;

namespace Certification.Api.Identity;

/// <summary>
/// The named authorization policies. Every endpoint declares one (or <see cref="Public"/>); the OpenAPI document
/// shows it (<c>x-policy</c>), the host refuses to start with an endpoint that declares none, and the features check
/// the same roles again (AllowedCallers) plus the caller's scope on each row.
/// </summary>
public static class Policies
{
    /// <summary>Anonymous visitors too: public lists, objections, sign-in, liveness, the API description.</summary>
    public const string Public = "public";
    public const string SignedIn = "signed-in";
    public const string Enterprise = "enterprise";
    public const string Reviewer = "reviewer";
    public const string Expert = "expert";
    public const string Admin = "admin";
    /// <summary>Applications and their dossiers, each reader within its scope.</summary>
    public const string ReadLifecycle = "read-lifecycle";
    /// <summary>Enterprise records, each reader within its scope.</summary>
    public const string ReadEnterprises = "read-enterprises";
    /// <summary>The task inbox: reviewers (region, stage), experts (own panels), administrators, regulators.</summary>
    public const string Inbox = "inbox";
    /// <summary>Objections and approved lists: reviewers, administrators, regulators, within their region.</summary>
    public const string Oversight = "oversight";
    /// <summary>The expert pool (identities of experts): administrators and regulators.</summary>
    public const string ExpertPool = "expert-pool";
    /// <summary>Experts' seats and score sheets: the seat's own expert, and administrators.</summary>
    public const string ExpertSeats = "expert-seats";
    /// <summary>Statistics: administrators (national) and regulators (their region).</summary>
    public const string Statistics = "statistics";
    /// <summary>Officers' decisions of dynamic management (re-evaluation, change re-checks, revocation): reviewers (formal stage, checked in the handler) and administrators.</summary>
    public const string Officer = "officer";
    /// <summary>Previews of criteria versions against the title holders: administrators and regulators (within their region).</summary>
    public const string CriteriaPreview = "criteria-preview";
    /// <summary>The audit log: administrators and regulators (entries: national regulators only, checked in the handler).</summary>
    public const string AuditLog = "audit-log";

    /// <summary>The roles each policy admits (SignedIn: every role).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [SignedIn] = [.. Roles.All],
        [Enterprise] = [Roles.Enterprise],
        [Reviewer] = [Roles.Reviewer],
        [Expert] = [Roles.Expert],
        [Admin] = [Roles.Admin],
        [ReadLifecycle] = [Roles.Enterprise, Roles.Reviewer, Roles.Expert, Roles.Admin, Roles.Regulator],
        [ReadEnterprises] = [Roles.Enterprise, Roles.Reviewer, Roles.Admin, Roles.Regulator],
        [Inbox] = [Roles.Reviewer, Roles.Expert, Roles.Admin, Roles.Regulator],
        [Oversight] = [Roles.Reviewer, Roles.Admin, Roles.Regulator],
        [ExpertPool] = [Roles.Admin, Roles.Regulator],
        [ExpertSeats] = [Roles.Expert, Roles.Admin],
        [Statistics] = [Roles.Admin, Roles.Regulator],
        [AuditLog] = [Roles.Admin, Roles.Regulator],
        [Officer] = [Roles.Reviewer, Roles.Admin],
        [CriteriaPreview] = [Roles.Admin, Roles.Regulator],
    };

    public static void Register(AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesOf)
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
    }

    /// <summary>One line for the API description: who may call.</summary>
    public static string Describe(string policy) =>
        policy == Public ? "公开（无需登录）" : RolesOf.TryGetValue(policy, out var roles) ? $"需登录；角色：{string.Join("、", roles)}" : "未声明";

    /// <summary>Declares the endpoint's policy.</summary>
    public static TBuilder RequirePolicy<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        RolesOf.ContainsKey(policy) ? builder.RequireAuthorization(policy) : throw new ArgumentException($"unknown policy '{policy}'", nameof(policy));

    /// <summary>Declares the endpoint open to anonymous visitors.</summary>
    public static TBuilder AllowPublic<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder => builder.AllowAnonymous();

    /// <summary>The policy an endpoint declared: <see cref="Public"/>, a policy name, or null when it declared none.</summary>
    public static string? Of(IEnumerable<object> metadata)
    {
        var list = metadata.ToList();
        if (list.OfType<IAllowAnonymous>().Any()) return Public;
        return list.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
    }

    /// <summary>Refuses to start a host with an endpoint that declares no policy (a new endpoint must decide who may call it).</summary>
    public static void EnsureEveryEndpointDeclares(IEndpointRouteBuilder app)
    {
        var undeclared = app.DataSources.SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => Of(e.Metadata) is null)
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();
        if (undeclared.Count > 0)
            throw new InvalidOperationException($"Endpoints without an authorization policy: {string.Join("; ", undeclared)}");
    }
}
