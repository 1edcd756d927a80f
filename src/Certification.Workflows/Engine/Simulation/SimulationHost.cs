using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;

namespace Certification.Workflows.Engine.Simulation;

/// <summary>Something the simulated domain was asked to do.</summary>
public sealed record SimulationRecord(string Action, string ActivityId, DateTimeOffset At, JsonObject Data);

/// <summary>
/// An in-memory <see cref="ICertificationHost"/> for test runs. Behaviour comes from the workflow
/// input's <c>simulation</c> object: <c>eligible</c> (default true), <c>sampled</c> (default false),
/// <c>reEvaluation</c> (<c>Renewed</c> default, <c>Downgraded</c>, <c>Lapsed</c>), and optionally
/// <c>submissionDeadline</c> (ISO 8601). Publicity counts Monday–Friday as working days (no holiday
/// calendar). Everything the domain would do is recorded in <see cref="Records"/>.
/// </summary>
public sealed class SimulationHost : ICertificationHost
{
    private readonly List<SimulationRecord> _records = [];
    private DateTimeOffset? _certifiedAt;
    private int _validityYears = 3;

    public bool Eligible { get; init; } = true;
    public bool Sampled { get; init; }
    public ReEvaluationOutcome ReEvaluation { get; init; } = ReEvaluationOutcome.Renewed;
    public DateTimeOffset? SubmissionDeadline { get; init; }

    public IReadOnlyList<SimulationRecord> Records => _records;

    /// <summary>Reads the behaviour from <c>input.simulation</c>.</summary>
    public static SimulationHost FromInput(JsonObject? input)
    {
        var s = input?["simulation"] as JsonObject;
        if (s is null) return new SimulationHost();
        var options = (JsonObject)JsonNode.Parse(s.ToJsonString(), new JsonNodeOptions { PropertyNameCaseInsensitive = true })!;
        return new SimulationHost
        {
            Eligible = options.GetBool("eligible") ?? true,
            Sampled = options.GetBool("sampled") ?? false,
            ReEvaluation = Enum.TryParse<ReEvaluationOutcome>(options.GetString("reEvaluation"), true, out var r) ? r : ReEvaluationOutcome.Renewed,
            SubmissionDeadline = options["submissionDeadline"] is { } d ? Expressions.ValueConverter.ToDateTimeOffset(d) : null,
        };
    }

    private void Record(string action, CertificationContext context, JsonObject? data = null) =>
        _records.Add(new SimulationRecord(action, context.ActivityId, context.Now, data ?? new JsonObject()));

    public ValueTask<CriteriaOutcome> EvaluateAsync(CertificationContext context, string tier)
    {
        Record("Evaluate", context, new JsonObject { ["tier"] = tier, ["eligible"] = Eligible });
        return ValueTask.FromResult(new CriteriaOutcome(Eligible, new JsonObject { ["tier"] = tier, ["eligible"] = Eligible, ["simulated"] = true }));
    }

    public ValueTask<bool> IsSampledForSpotCheckAsync(CertificationContext context, decimal share)
    {
        Record("SpotCheckSampling", context, new JsonObject { ["share"] = share, ["sampled"] = Sampled });
        return ValueTask.FromResult(Sampled);
    }

    public ValueTask<DateTimeOffset> PublicityEndsAtAsync(CertificationContext context, DateTimeOffset start, int workingDays)
    {
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) counted++;
        }
        return ValueTask.FromResult(day);
    }

    public ValueTask<DateTimeOffset> ExpiryReminderAtAsync(CertificationContext context, int daysBefore) =>
        ValueTask.FromResult((_certifiedAt ?? context.Now).AddYears(_validityYears).AddDays(-daysBefore));

    public ValueTask<DateTimeOffset?> SubmissionDeadlineAsync(CertificationContext context) => ValueTask.FromResult(SubmissionDeadline);

    public ValueTask CertifyAsync(CertificationContext context, int validityYears)
    {
        _certifiedAt = context.Now;
        _validityYears = validityYears;
        Record("Certify", context, new JsonObject { ["validityYears"] = validityYears });
        return ValueTask.CompletedTask;
    }

    public ValueTask RejectAsync(CertificationContext context, string? reason)
    {
        Record("Reject", context, new JsonObject { ["reason"] = reason });
        return ValueTask.CompletedTask;
    }

    public ValueTask<ReEvaluationOutcome> ReEvaluateAsync(CertificationContext context)
    {
        Record("ReEvaluate", context, new JsonObject { ["outcome"] = ReEvaluation.ToString() });
        if (ReEvaluation == ReEvaluationOutcome.Renewed) _certifiedAt = context.Now;
        return ValueTask.FromResult(ReEvaluation);
    }

    public ValueTask RevokeAsync(CertificationContext context, string? reason)
    {
        Record("Revoke", context, new JsonObject { ["reason"] = reason });
        return ValueTask.CompletedTask;
    }

    public ValueTask LapseAsync(CertificationContext context, string? reason)
    {
        Record("Lapse", context, new JsonObject { ["reason"] = reason });
        return ValueTask.CompletedTask;
    }

    public ValueTask<HumanTaskSpec> PrepareTaskAsync(CertificationContext context, HumanTaskSpec task)
    {
        Record("TaskCreated", context, new JsonObject { ["role"] = task.Role, ["formKey"] = task.FormKey, ["title"] = task.Title });
        return ValueTask.FromResult(task);
    }
}
