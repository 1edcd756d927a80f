using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Certification.Api.Http;

/// <summary>
/// Limits on the endpoints anonymous callers can hammer: sign-in per client address and per user name, objection
/// lodging per client address. Over the limit: 429 problem+json with Retry-After. Configurable under
/// <c>RateLimits:*</c> (permits per <c>RateLimits:WindowSeconds</c>).
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Objections = "objections";

    public sealed record Settings(int LoginPerAddress, int LoginPerUser, int ObjectionsPerAddress, TimeSpan Window)
    {
        public static Settings From(IConfiguration configuration) => new(
            Math.Max(1, configuration.GetValue("RateLimits:LoginPerAddress", 30)),
            Math.Max(1, configuration.GetValue("RateLimits:LoginPerUser", 10)),
            Math.Max(1, configuration.GetValue("RateLimits:ObjectionsPerAddress", 20)),
            TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("RateLimits:WindowSeconds", 60))));
    }

    /// <summary>Sign-in attempts per user name, whatever the address (a spread-out guessing of one account's password).</summary>
    public sealed class LoginThrottle(Settings settings) : IDisposable
    {
        private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(name =>
            RateLimitPartition.GetFixedWindowLimiter(name, _ => Window(settings.LoginPerUser, settings.Window)));

        /// <returns>null when the attempt may go ahead, else how long to wait.</returns>
        public TimeSpan? Refuse(string userName)
        {
            using var lease = _limiter.AttemptAcquire(userName.Trim().ToUpperInvariant());
            if (lease.IsAcquired) return null;
            return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
        }

        public void Dispose() => _limiter.Dispose();
    }

    public static IServiceCollection AddCertificationRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = Settings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) =>
                WriteTooManyAsync(context.HttpContext, context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window);
            o.AddPolicy(Login, http => RateLimitPartition.GetFixedWindowLimiter(ClientKey(http), _ => Window(settings.LoginPerAddress, settings.Window)));
            o.AddPolicy(Objections, http => RateLimitPartition.GetFixedWindowLimiter(ClientKey(http), _ => Window(settings.ObjectionsPerAddress, settings.Window)));
        });
        return services;
    }

    /// <summary>429 problem+json saying when to come back.</summary>
    public static ValueTask WriteTooManyAsync(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "请求过于频繁", Detail = $"请在 {seconds} 秒后再试。" },
        });
    }

    private static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };
}
