namespace Certification.Api.Benchmarks;

/// <summary>
/// The process's peak working set over one phase of a benchmark. Linux keeps a high-water mark of the resident set
/// (VmHWM, what <see cref="System.Diagnostics.Process.PeakWorkingSet64"/> reads) that a process may reset by writing 5 to
/// <c>/proc/self/clear_refs</c>; resetting it after the set-up leaves the measured phase's own peak.
/// </summary>
public static class PeakMemory
{
    /// <summary>
    /// Returns the set-up's garbage to the system (a full, compacting collection that gives back what it frees) and
    /// resets the high-water mark; false where the system does not allow the reset (the peak then covers the whole run).
    /// Without the collection the set-up's garbage stays resident for the measured phase's first seconds and sets its peak.
    /// </summary>
    public static bool TryReset()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    public static double PeakMb(System.Diagnostics.Process process)
    {
        process.Refresh();
        return Math.Round(process.PeakWorkingSet64 / 1048576.0, 1);
    }
}
