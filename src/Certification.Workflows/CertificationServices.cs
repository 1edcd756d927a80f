using Certification.Domain.Calendar;
using Certification.Domain.Criteria;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Features.Exports;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Runtime;
using Certification.Workflows.Runtime.Timers;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Certification.Workflows;

public static class CertificationServices
{
    /// <summary>Everything the host and the CLI share: persistence, criteria, workflow runtime, MediatR.</summary>
    public static IServiceCollection AddCertification(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseSettings.From(configuration);
        services.AddSingleton(database);
        services.TryAddSingleton(TimeProvider.System);
        // The shipped criteria plus those published in the register; each scope sees the registry's current catalog.
        services.TryAddSingleton(_ => new Features.CriteriaVersions.CriteriaRegistry(LoadCriteria(configuration)));
        services.TryAddScoped(sp => sp.GetRequiredService<Features.CriteriaVersions.CriteriaRegistry>().Catalog);
        services.TryAddSingleton(_ => DynamicSettings.From(configuration));
        services.AddSingleton<Features.ReEvaluations.ReEvaluationOpener>();
        services.TryAddSingleton(_ => WorkingDayCalendar.LoadBuiltIn());
        // Pooled: a scope (request, step, CLI run) leases a context whose options and internal services were built once,
        // and hands it back when it ends. Each lease carries the scope's audit trail.
        services.AddPooledDbContextFactory<CertificationDbContext>(database.Configure);
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<CertificationDbContext>>().CreateDbContext();
            db.Audit = sp.GetRequiredService<Audit.AuditTrail>();
            db.RawCommands = sp.GetService<Runtime.IRawCommandObserver>();
            return db;
        });
        services.AddSingleton(_ => ActivityRegistry.Default);
        services.AddSingleton(sp => new WorkflowRunner(sp.GetRequiredService<ActivityRegistry>()));
        services.AddSingleton(sp => new CompiledWorkflowCache(sp.GetRequiredService<ActivityRegistry>()));
        // A lease only has to outlast one step; a host killed while holding one delays that timer by the lease.
        var lease = TimeSpan.FromSeconds(Math.Clamp(int.TryParse(configuration["Workflows:TimerLeaseSeconds"], out var seconds) ? seconds : 120, 1, 3600));
        services.AddSingleton(sp => new TimerSweeper(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>()) { Lease = lease });
        services.AddScoped<Access.CallerContext>();
        services.AddScoped<Audit.AuditTrail>();
        services.AddScoped<DefinitionStore>();
        services.AddScoped<DefinitionCache>();
        services.AddScoped<WorkflowRuntime>();
        services.AddScoped<ApprovedList>();
        // The Certification.* activities act on the lifecycle rows in the step's own DbContext (scoped, never saves).
        services.AddScoped<ICertificationHost, DatabaseCertificationHost>();
        services.AddScoped<Features.Applications.SubmittedDossier>();
        services.AddMediatorHandlers(typeof(CertificationServices).Assembly);
        return services;
    }

    /// <summary>The built-in criteria versions, plus any files in <c>Criteria:Directory</c> (e.g. a province's overlay).</summary>
    private static CriteriaCatalog LoadCriteria(IConfiguration configuration)
    {
        var builtIn = CriteriaCatalog.LoadBuiltIn();
        var directory = configuration["Criteria:Directory"];
        return string.IsNullOrWhiteSpace(directory) ? builtIn : builtIn.WithDirectory(directory);
    }
}
