using Certification.Workflows.Features.CriteriaVersions;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Persistence;
using Microsoft.Extensions.Hosting;

namespace Certification.Api.Hosting;

/// <summary>
/// Dynamic management in the background, every <c>Workflows:TimerSweepSeconds</c> (default 5): picks up criteria
/// versions another host published, and opens the re-evaluation of each title within
/// <c>Dynamic:ReEvaluationLeadDays</c> of its expiry.
/// </summary>
public sealed class DynamicSweepService(
    IServiceScopeFactory scopes, CriteriaRegistry criteria, ReEvaluationOpener opener, IConfiguration configuration, ILogger<DynamicSweepService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Workflows:TimerSweepSeconds", 5)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                    await criteria.RefreshAsync(scope.ServiceProvider.GetRequiredService<CertificationDbContext>(), stoppingToken);
                int opened;
                do opened = await opener.OpenDueAsync(100, stoppingToken);
                while (opened == 100);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A locked or unreachable database must not stop the sweeps: what is due stays due and is retried.
                log.LogWarning(e, "Dynamic management sweep failed; retrying in {Interval}", interval);
            }
            await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
