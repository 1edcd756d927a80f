using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Activities;

/// <summary>The host learns a task's id in PrepareTaskAsync (to key rows such as panel seats to it) and cannot change it.</summary>
public sealed class TaskIdReservationTests
{
    private sealed class RecordingHost : ICertificationHost
    {
        private readonly SimulationHost _inner = new();
        public List<string?> PreparedIds { get; } = [];
        public ValueTask<CriteriaOutcome> EvaluateAsync(CertificationContext context, string tier) => _inner.EvaluateAsync(context, tier);
        public ValueTask<bool> IsSampledForSpotCheckAsync(CertificationContext context, decimal share) => _inner.IsSampledForSpotCheckAsync(context, share);
        public ValueTask<DateTimeOffset> PublicityEndsAtAsync(CertificationContext context, DateTimeOffset start, int workingDays) => _inner.PublicityEndsAtAsync(context, start, workingDays);
        public ValueTask<DateTimeOffset> ExpiryReminderAtAsync(CertificationContext context, int daysBefore) => _inner.ExpiryReminderAtAsync(context, daysBefore);
        public ValueTask<DateTimeOffset?> SubmissionDeadlineAsync(CertificationContext context) => ValueTask.FromResult<DateTimeOffset?>(null);
        public ValueTask CertifyAsync(CertificationContext context, int validityYears) => _inner.CertifyAsync(context, validityYears);
        public ValueTask RejectAsync(CertificationContext context, string? reason) => _inner.RejectAsync(context, reason);
        public ValueTask<ReEvaluationOutcome> ReEvaluateAsync(CertificationContext context) => _inner.ReEvaluateAsync(context);
        public ValueTask RevokeAsync(CertificationContext context, string? reason) => _inner.RevokeAsync(context, reason);
        public ValueTask LapseAsync(CertificationContext context, string? reason) => _inner.LapseAsync(context, reason);

        public ValueTask<HumanTaskSpec> PrepareTaskAsync(CertificationContext context, HumanTaskSpec task)
        {
            PreparedIds.Add(task.Id);
            return ValueTask.FromResult(task with { Id = "host-tried-to-change-it" });
        }
    }

    [Theory]
    [InlineData("Certification.ExpertScoring")]
    [InlineData("Certification.FormalReview")]
    [InlineData("Certification.Publicity")]
    public void The_task_id_the_host_is_given_is_the_bookmark_id_and_the_hosts_change_is_ignored(string type)
    {
        var host = new RecordingHost();
        var h = new Harness { Host = host };
        var wf = h.Compile(Document([Activity("start", "Elsa.Start"), Activity("task", type)], [Connect("start", "task")]));

        var result = h.Start(wf, new JsonObject { ["applicationId"] = "APP-1" });

        var task = result.TasksCreated.Should().ContainSingle().Subject;
        host.PreparedIds.Should().ContainSingle().Which.Should().Be(task.Id);
        task.Task!.Id.Should().Be(task.Id);
        result.State.Bookmarks.Select(b => b.Id).Should().OnlyHaveUniqueItems();
    }
}
