namespace Certification.Workflows.Engine.Simulation;

/// <summary>A clock that only moves when told to (simulation).</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves to <paramref name="time"/> if it is later than now.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        if (time > _now) _now = time;
    }

    public void Advance(TimeSpan by) => _now += by;
}
