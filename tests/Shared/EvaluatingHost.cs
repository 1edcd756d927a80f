using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;

namespace Certification.Tests.Shared;

/// <summary>
/// The simulation host with the criteria evaluation replaced: tests use it to see what the evaluation step reads, or to
/// make it fail midway (<see cref="Failing"/>).
/// </summary>
public sealed class EvaluatingHost(Func<CertificationContext, string, ValueTask<CriteriaOutcome>> evaluate) : ICertificationHost
{
    private readonly SimulationHost _rest = new();

    /// <summary>A host whose evaluation throws the given exception.</summary>
    public static EvaluatingHost Failing(Exception error) => new((_, _) => throw error);

    public ValueTask<CriteriaOutcome> EvaluateAsync(CertificationContext context, string tier) => evaluate(context, tier);
    public ValueTask<bool> IsSampledForSpotCheckAsync(CertificationContext context, decimal share) => _rest.IsSampledForSpotCheckAsync(context, share);
    public ValueTask<DateTimeOffset> PublicityEndsAtAsync(CertificationContext context, DateTimeOffset start, int workingDays) => _rest.PublicityEndsAtAsync(context, start, workingDays);
    public ValueTask<DateTimeOffset> ExpiryReminderAtAsync(CertificationContext context, int daysBefore) => _rest.ExpiryReminderAtAsync(context, daysBefore);
    public ValueTask<DateTimeOffset?> SubmissionDeadlineAsync(CertificationContext context) => _rest.SubmissionDeadlineAsync(context);
    public ValueTask CertifyAsync(CertificationContext context, int validityYears) => _rest.CertifyAsync(context, validityYears);
    public ValueTask RejectAsync(CertificationContext context, string? reason) => _rest.RejectAsync(context, reason);
    public ValueTask<ReEvaluationOutcome> ReEvaluateAsync(CertificationContext context) => _rest.ReEvaluateAsync(context);
    public ValueTask RevokeAsync(CertificationContext context, string? reason) => _rest.RevokeAsync(context, reason);
    public ValueTask LapseAsync(CertificationContext context, string? reason) => _rest.LapseAsync(context, reason);
    public ValueTask<HumanTaskSpec> PrepareTaskAsync(CertificationContext context, HumanTaskSpec task) => _rest.PrepareTaskAsync(context, task);
}
