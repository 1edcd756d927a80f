using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;

namespace Certification.Workflows.Tests.Engine;

/// <summary>The simulation host, except that evaluating the criteria throws the given exception.</summary>
public sealed class FailingHost(Exception error) : ICertificationHost
{
    private readonly SimulationHost _inner = new();
    public ValueTask<CriteriaOutcome> EvaluateAsync(CertificationContext context, string tier) => throw error;
    public ValueTask<bool> IsSampledForSpotCheckAsync(CertificationContext context, decimal share) => _inner.IsSampledForSpotCheckAsync(context, share);
    public ValueTask<DateTimeOffset> PublicityEndsAtAsync(CertificationContext context, DateTimeOffset start, int workingDays) => _inner.PublicityEndsAtAsync(context, start, workingDays);
    public ValueTask<DateTimeOffset> ExpiryReminderAtAsync(CertificationContext context, int daysBefore) => _inner.ExpiryReminderAtAsync(context, daysBefore);
    public ValueTask<DateTimeOffset?> SubmissionDeadlineAsync(CertificationContext context) => _inner.SubmissionDeadlineAsync(context);
    public ValueTask CertifyAsync(CertificationContext context, int validityYears) => _inner.CertifyAsync(context, validityYears);
    public ValueTask RejectAsync(CertificationContext context, string? reason) => _inner.RejectAsync(context, reason);
    public ValueTask<ReEvaluationOutcome> ReEvaluateAsync(CertificationContext context) => _inner.ReEvaluateAsync(context);
    public ValueTask RevokeAsync(CertificationContext context, string? reason) => _inner.RevokeAsync(context, reason);
    public ValueTask<HumanTaskSpec> PrepareTaskAsync(CertificationContext context, HumanTaskSpec task) => _inner.PrepareTaskAsync(context, task);
}
