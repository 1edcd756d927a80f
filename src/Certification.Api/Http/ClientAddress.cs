using Certification.Workflows.Access;

namespace Certification.Api.Http;

/// <summary>Puts the client's IP address into the request's <see cref="CallerContext"/>, for the audit log.</summary>
public static class ClientAddress
{
    public static IApplicationBuilder UseClientAddress(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.RequestServices.GetRequiredService<CallerContext>().ClientAddress = http.Connection.RemoteIpAddress?.ToString();
            return next(http);
        });
}
