namespace Certification.Workflows.Features.Demo;

/// <summary>
/// The clock demo data runs on: <see cref="DemoSeeder"/> walks it through three past rounds of batches up to now, so
/// titles carry their real issue dates and publicity ends on China's working-day calendar by the durable timers.
/// Register it as the <see cref="TimeProvider"/> of the services the seeder uses, set to the instant demo data should
/// end at (now); the seeder moves it back to the first round once, then only forwards.
/// </summary>
public sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now.ToUniversalTime();
    }

    public void MoveTo(DateTimeOffset instant)
    {
        lock (_gate) _now = instant;
    }
}
