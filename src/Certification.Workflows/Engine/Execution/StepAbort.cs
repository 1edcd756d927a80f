using System.Data.Common;

namespace Certification.Workflows.Engine.Execution;

/// <summary>
/// Failures that say nothing about the workflow itself (the database is locked or gone, an I/O error, a time-out).
/// An activity that meets one does not fault its instance: the exception leaves the step, whose transaction is then
/// never committed, and the same step runs again later from the last committed state.
/// </summary>
public static class StepAbort
{
    public static bool IsInfrastructureFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is DbException or TimeoutException or IOException) return true;
        return false;
    }
}
