using System.Text.Encodings.Web;
using Certification.Api.Endpoints;
using Certification.Api.Http;
using Certification.Api.Identity;
using Certification.Api.Web;
using Certification.Domain.Criteria;
using Certification.Workflows;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration.Json;

namespace Certification.Api.Hosting;

public static class ServerHost
{
    /// <summary>
    /// Started from another directory without --contentRoot, the host would run without appsettings.json (and so, among
    /// other things, log every SQL command); the copies beside the binary serve then, below every other source.
    /// </summary>
    private static void UseShippedSettingsWhenAbsent(WebApplicationBuilder builder)
    {
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json"))) return;
        string[] files = ["appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json"];
        for (var i = 0; i < files.Length; i++)
        {
            var source = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, files[i]), Optional = true };
            source.ResolveFileProvider();
            builder.Configuration.Sources.Insert(i, source);
        }
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        UseShippedSettingsWhenAbsent(builder);
        builder.AddDemoTime();
        builder.Services.AddCertification(builder.Configuration);
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHostedService<TimerSweepService>();
        builder.Services.AddHostedService<DynamicSweepService>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Always throw on unreadable bodies so ProblemExceptionHandler can name the field, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            var shared = CriteriaJson.Options;
            o.SerializerOptions.PropertyNamingPolicy = shared.PropertyNamingPolicy;
            o.SerializerOptions.PropertyNameCaseInsensitive = true;
            o.SerializerOptions.NumberHandling = shared.NumberHandling;
            foreach (var converter in shared.Converters) o.SerializerOptions.Converters.Add(converter);
            o.SerializerOptions.Converters.Add(new PlainTextConverter());
            o.SerializerOptions.MaxDepth = 32;
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.AddCertificationIdentity(builder.Configuration);
        builder.Services.AddCertificationRateLimits(builder.Configuration);
        builder.Services.AddCertificationUi();
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<PolicyDocumentation>();
            o.AddOperationTransformer<PolicyDocumentation>();
        });

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseWhen(UiSetup.IsApi, api => api.UseStatusCodePages());
        app.UseUiErrorPages();
        app.UseStaticFiles();
        // Routing after the error pages, so that a re-executed /error/{code} is routed to its page.
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseCallerContext();
        app.UseAuthorization();
        app.MapOpenApi().AllowPublic();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowPublic().WithTags("运维").WithName("Health");
        app.MapAuthEndpoints();
        app.MapEvaluationEndpoints();
        app.MapWorkflowEndpoints();
        app.MapExportEndpoints();
        app.MapStatisticsEndpoints();
        app.MapTaskEndpoints();
        app.MapExpertEndpoints();
        app.MapPublicityEndpoints();
        app.MapTimelineEndpoints();
        app.MapEnterpriseEndpoints();
        app.MapBatchEndpoints();
        app.MapApplicationEndpoints();
        app.MapAuditEndpoints();
        app.MapCertificationUi();
        app.MapDynamicEndpoints();
        Policies.EnsureEveryEndpointDeclares(app);
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    private static void PrintBanner(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        foreach (var address in addresses ?? [])
            Console.WriteLine($"Certification is listening on {address}  (API: {address}/openapi/v1.json)");
        if (DemoAccounts.Current.Count == 0) return;
        // Development only: fresh passwords every start, shown here and nowhere else.
        Console.WriteLine($"Demo accounts (Development; passwords change at every start; sign in at {addresses?.FirstOrDefault()}{IdentitySetup.LoginPath} or POST /api/auth/login):");
        foreach (var account in DemoAccounts.Current)
            Console.WriteLine($"  {account.UserName,-18} {account.Password}  {account.Role,-10} {account.Scope}");
    }
}
