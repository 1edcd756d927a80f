using System.Diagnostics;

namespace Certification.Api.Benchmarks;

/// <summary>
/// The benchmarks' clock: real time passes, and the benchmark jumps it forward to make publicity timers due (a
/// workflow timer of five working days cannot be waited out). Thread-safe; the offset only grows.
/// </summary>
public sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    private readonly DateTimeOffset _origin = start;
    private readonly long _startTicks = Stopwatch.GetTimestamp();
    private long _jumpTicks;

    public override DateTimeOffset GetUtcNow() =>
        _origin.ToUniversalTime() + Stopwatch.GetElapsedTime(_startTicks) + TimeSpan.FromTicks(Interlocked.Read(ref _jumpTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _jumpTicks, by.Ticks);
}
