namespace Certification.Api.Benchmarks;

/// <summary>
/// The process's peak working set over one phase of a benchmark. Linux keeps a high-water mark of the resident set
/// (VmHWM, what <see cref="System.Diagnostics.Process.PeakWorkingSet64"/> reads) that a process may reset by writing 5 to
/// <c>/proc/self/clear_refs</c>; resetting it after the set-up leaves the measured phase's own peak.
/// </summary>
public static class PeakMemory
{
    /// <summary>Resets the high-water mark; false where the system does not allow it (the peak then covers the whole run).</summary>
    public static bool TryReset()
    {
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
