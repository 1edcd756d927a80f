using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Execution;

namespace Certification.Workflows.Engine.Activities;

/// <summary>What a certification activity knows about where it runs; passed to every <see cref="ICertificationHost"/> call.</summary>
public sealed record CertificationContext
{
    public required string InstanceId { get; init; }
    public required string DefinitionId { get; init; }
    public required int DefinitionVersion { get; init; }
    public string? ApplicationId { get; init; }
    public string? CorrelationId { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityType { get; init; }
    public string? ActivityName { get; init; }
    public string? Actor { get; init; }
    public required DateTimeOffset Now { get; init; }

    /// <summary>The instance input (read-only by convention).</summary>
    public required JsonObject Input { get; init; }

    /// <summary>A snapshot of the instance variables.</summary>
    public required JsonObject Variables { get; init; }
}

public sealed record CriteriaOutcome(bool Eligible, JsonObject Summary);

public enum ReEvaluationOutcome
{
    Renewed,
    Downgraded,
    Lapsed,
}

/// <summary>
/// The port through which <c>Certification.*</c> activities reach the domain. The product
/// implements it over its database, inside the same transaction as the step (so domain rows,
/// state, bookmarks and journal commit together); <see cref="Simulation.SimulationHost"/> implements
/// it in memory. Supplied per call in <see cref="WorkflowRunContext.Host"/>.
/// </summary>
public interface ICertificationHost
{
    /// <summary>Runs the criteria engine on the application's submitted profile for a tier.</summary>
    ValueTask<CriteriaOutcome> EvaluateAsync(CertificationContext context, string tier);

    /// <summary>Whether this application is in the spot-check sample (share 0..1).</summary>
    ValueTask<bool> IsSampledForSpotCheckAsync(CertificationContext context, decimal share);

    /// <summary>End of a publicity period of N working days starting at <paramref name="start"/> (working-day calendar).</summary>
    ValueTask<DateTimeOffset> PublicityEndsAtAsync(CertificationContext context, DateTimeOffset start, int workingDays);

    /// <summary>When the re-evaluation window opens: <paramref name="daysBefore"/> days before the title expires.</summary>
    ValueTask<DateTimeOffset> ExpiryReminderAtAsync(CertificationContext context, int daysBefore);

    /// <summary>When the submission window (batch) closes for this application; null for no deadline.</summary>
    ValueTask<DateTimeOffset?> SubmissionDeadlineAsync(CertificationContext context);

    /// <summary>Issues the title, valid for <paramref name="validityYears"/> years from now.</summary>
    ValueTask CertifyAsync(CertificationContext context, int validityYears);

    /// <summary>Closes the application as not certified.</summary>
    ValueTask RejectAsync(CertificationContext context, string? reason);

    /// <summary>Re-checks a certified enterprise against the criteria in force.</summary>
    ValueTask<ReEvaluationOutcome> ReEvaluateAsync(CertificationContext context);

    /// <summary>Withdraws the title.</summary>
    ValueTask RevokeAsync(CertificationContext context, string? reason);

    /// <summary>The title is not renewed: it stays valid to its end date and then lapses (not a revocation, no ban).</summary>
    ValueTask LapseAsync(CertificationContext context, string? reason);

    /// <summary>
    /// Called before a human task's bookmark is created: the host may fill in region, assignee, due
    /// date or data (e.g. pick the expert panel) and returns the task to create. It must not create
    /// the inbox item itself: that comes from <see cref="StepResult.TasksCreated"/>.
    /// </summary>
    ValueTask<HumanTaskSpec> PrepareTaskAsync(CertificationContext context, HumanTaskSpec task);
}

/// <summary>
/// Thrown by an <see cref="ICertificationHost"/> to fault the instance deliberately (a domain rule
/// refuses the step); the message goes to the fault and the journal. Any other exception from the
/// host aborts the step instead: the runner rethrows it and nothing changes, so the caller's
/// transaction rolls back and the step can be retried from the last committed state.
/// </summary>
public sealed class CertificationHostException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Marks host failures that must abort the step rather than fault the instance.</summary>
internal sealed class HostCallFailedException(Exception inner) : Exception(inner.Message, inner);

/// <summary>Wraps the host so its failures can be told apart from activity failures.</summary>
internal sealed class GuardedCertificationHost(ICertificationHost inner) : ICertificationHost
{
    private static async ValueTask<T> Call<T>(Func<ValueTask<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not CertificationHostException and not OperationCanceledException)
        {
            throw new HostCallFailedException(ex);
        }
    }

    private static async ValueTask Call(Func<ValueTask> call) =>
        await Call(async () => { await call().ConfigureAwait(false); return true; }).ConfigureAwait(false);

    public ValueTask<CriteriaOutcome> EvaluateAsync(CertificationContext context, string tier) => Call(() => inner.EvaluateAsync(context, tier));
    public ValueTask<bool> IsSampledForSpotCheckAsync(CertificationContext context, decimal share) => Call(() => inner.IsSampledForSpotCheckAsync(context, share));
    public ValueTask<DateTimeOffset> PublicityEndsAtAsync(CertificationContext context, DateTimeOffset start, int workingDays) => Call(() => inner.PublicityEndsAtAsync(context, start, workingDays));
    public ValueTask<DateTimeOffset> ExpiryReminderAtAsync(CertificationContext context, int daysBefore) => Call(() => inner.ExpiryReminderAtAsync(context, daysBefore));
    public ValueTask<DateTimeOffset?> SubmissionDeadlineAsync(CertificationContext context) => Call(() => inner.SubmissionDeadlineAsync(context));
    public ValueTask CertifyAsync(CertificationContext context, int validityYears) => Call(() => inner.CertifyAsync(context, validityYears));
    public ValueTask RejectAsync(CertificationContext context, string? reason) => Call(() => inner.RejectAsync(context, reason));
    public ValueTask<ReEvaluationOutcome> ReEvaluateAsync(CertificationContext context) => Call(() => inner.ReEvaluateAsync(context));
    public ValueTask RevokeAsync(CertificationContext context, string? reason) => Call(() => inner.RevokeAsync(context, reason));
    public ValueTask LapseAsync(CertificationContext context, string? reason) => Call(() => inner.LapseAsync(context, reason));
    public ValueTask<HumanTaskSpec> PrepareTaskAsync(CertificationContext context, HumanTaskSpec task) => Call(() => inner.PrepareTaskAsync(context, task));
}
