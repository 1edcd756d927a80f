using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Certification.Api.Identity;

/// <summary>
/// Shows each operation's policy in the OpenAPI document: an <c>x-policy</c> extension, a line "权限：…" in its
/// description, and (unless public) the bearer-token and cookie security requirements.
/// </summary>
public sealed class PolicyDocumentation : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    public const string BearerName = "bearer";
    public const string CookieName = "cookie";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "POST /api/auth/login 取得的 accessToken：Authorization: Bearer <accessToken>",
        };
        document.Components.SecuritySchemes[CookieName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "certification.auth",
            Description = "网页登录后的 Cookie",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var policy = Policies.Of(context.Description.ActionDescriptor.EndpointMetadata) ?? "undeclared";
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-policy"] = new JsonNodeExtension(JsonValue.Create(policy));
        var line = $"权限：{Policies.Describe(policy)}（{policy}）";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? line : $"{operation.Description}\n\n{line}";
        if (policy != Policies.Public)
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerName, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieName, context.Document)] = [] },
            ];
        }
        return Task.CompletedTask;
    }
}
