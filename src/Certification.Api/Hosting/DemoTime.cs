using Certification.Workflows.Runtime.Timers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace Certification.Api.Hosting;

/// <summary>
/// Development only: the host's clock is real time plus an offset an administrator moves forward (page 演示时钟), so a
/// demo walk-through gets past publicity's working days without waiting for them. The same idea as the browser tests'
/// movable clock. Production keeps <see cref="TimeProvider.System"/>: the clock is not even registered there.
/// </summary>
public sealed class DemoTimeClock : TimeProvider
{
    private readonly Lock _gate = new();
    private TimeSpan _offset;

    public TimeSpan Offset
    {
        get { lock (_gate) return _offset; }
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward by whole days, then fires every timer now due (publicity ends, titles issue).</summary>
    public async Task<int> AdvanceAsync(int days, TimerSweeper timers, CancellationToken ct)
    {
        if (days is < 1 or > 366) throw new ArgumentOutOfRangeException(nameof(days));
        lock (_gate) _offset += TimeSpan.FromDays(days);
        int fired, total = 0;
        do total += fired = await timers.SweepAsync(100, ct);
        while (fired == 100);
        return total;
    }
}

public static class DemoTime
{
    /// <summary>Registers <see cref="DemoTimeClock"/> as the host's <see cref="TimeProvider"/> in Development only.</summary>
    public static void AddDemoTime(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return;
        var clock = new DemoTimeClock();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
        // Sign-ins keep real time: moving the demo clock by days must not sign the administrator out.
        builder.Services.PostConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
        builder.Services.PostConfigureAll<BearerTokenOptions>(o => o.TimeProvider = TimeProvider.System);
    }

    /// <summary>The demo clock when the host runs one (Development), else null.</summary>
    public static DemoTimeClock? DemoClockOf(this HttpContext http) =>
        http.RequestServices.GetService<IWebHostEnvironment>()?.IsDevelopment() == true ? http.RequestServices.GetService<DemoTimeClock>() : null;
}
