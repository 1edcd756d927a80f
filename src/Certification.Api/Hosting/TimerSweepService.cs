using Certification.Workflows.Runtime.Timers;
using Microsoft.Extensions.Hosting;

namespace Certification.Api.Hosting;

/// <summary>Fires due workflow timers every <c>Workflows:TimerSweepSeconds</c> (default 5) while the host runs.</summary>
public sealed class TimerSweepService(TimerSweeper sweeper, IConfiguration configuration, ILogger<TimerSweepService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Workflows:TimerSweepSeconds", 5)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int fired;
                do fired = await sweeper.SweepAsync(100, stoppingToken);
                while (fired == 100);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A locked or unreachable database must not stop the sweeps: the timers stay due and are retried.
                log.LogWarning(e, "Timer sweep failed; retrying in {Interval}", interval);
            }
            await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
