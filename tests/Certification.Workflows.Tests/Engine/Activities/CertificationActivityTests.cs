using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Activities;

public class CertificationActivityTests
{
    private static (Harness H, CompiledWorkflow Wf) Single(JsonObject activity, SimulationHost? host = null, IEnumerable<JsonObject>? variables = null)
    {
        var h = new Harness { Host = host ?? new SimulationHost() };
        var id = activity["id"]!.GetValue<string>();
        var outcomes = ActivityRegistry.Default.Find(activity["type"]!.GetValue<string>())!.Descriptor.Outcomes;
        var activities = new List<JsonObject> { Activity("start", "Elsa.Start"), activity };
        var connections = new List<JsonObject> { Connect("start", id) };
        foreach (var outcome in outcomes)
        {
            activities.Add(Activity("on" + outcome, "Elsa.End"));
            connections.Add(Connect(id, "on" + outcome, outcome));
        }
        return (h, h.Compile(Document(activities, connections, variables)));
    }

    private static string After(StepResult result) => result.ExecutedActivityIds.Last();

    [Theory]
    [InlineData("Submitted")]
    [InlineData("Withdrawn")]
    public void AwaitSubmission_creates_an_enterprise_task(string outcome)
    {
        var (h, wf) = Single(Activity("submit", "Certification.AwaitSubmission"));
        var first = h.Start(wf, new JsonObject { ["regionCode"] = "330106" });

        var task = first.TasksCreated.Single().Task!;
        task.Role.Should().Be("enterprise");
        task.FormKey.Should().Be("submission");
        task.Region.Should().Be("330106");
        task.Title.Should().Be("提交申报材料");
        task.Outcomes.Should().Equal("Submitted", "Withdrawn");

        After(h.CompleteTask(wf, first.State, "submit", outcome)).Should().Be("on" + outcome);
    }

    [Fact]
    public void AwaitSubmission_expires_when_the_batch_closes()
    {
        var host = new SimulationHost { SubmissionDeadline = new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.FromHours(8)) };
        var (h, wf) = Single(Activity("submit", "Certification.AwaitSubmission", ("formKey", Literal("little-giant-form", "String"))), host);
        var first = h.Start(wf);
        first.BookmarksCreated.Select(b => b.Kind).Should().BeEquivalentTo([BookmarkKind.Task, BookmarkKind.Timer]);
        first.TasksCreated.Single().Task!.FormKey.Should().Be("little-giant-form");
        var timer = first.BookmarksCreated.Single(b => b.Kind == BookmarkKind.Timer);
        timer.DueAt.Should().Be(host.SubmissionDeadline);

        h.Clock.Now = timer.DueAt!.Value;
        var second = h.Resume(wf, first.State, timer.Id);

        After(second).Should().Be("onExpired");
        second.BookmarksRemoved.Should().HaveCount(2);
    }

    [Fact]
    public void AwaitSubmission_after_the_deadline_expires_at_once()
    {
        var (h, wf) = Single(Activity("submit", "Certification.AwaitSubmission", ("deadline", Literal("2026-01-01T00:00:00+08:00", "DateTimeOffset"))));
        After(h.Start(wf)).Should().Be("onExpired");
    }

    [Theory]
    [InlineData(true, "onEligible")]
    [InlineData(false, "onNotEligible")]
    public void EvaluateCriteria_asks_the_host_and_binds_the_summary(bool eligible, string expected)
    {
        var evaluate = Activity("eval", "Certification.EvaluateCriteria", ("tier", Literal("specialized", "String")));
        evaluate["result"] = new JsonObject { ["memoryReference"] = new JsonObject { ["id"] = "Evaluation-id" } };
        var (h, wf) = Single(evaluate, new SimulationHost { Eligible = eligible }, [Variable("Evaluation", "Object")]);

        var result = h.Start(wf);

        After(result).Should().Be(expected);
        result.State.Variables["Evaluation"]!["tier"]!.GetValue<string>().Should().Be("specialized");
        result.Journal.Single(j => j.ActivityId == "eval").Message.Should().Contain(eligible ? "符合条件" : "不符合条件");
    }

    [Theory]
    [InlineData("Recommended")]
    [InlineData("Returned")]
    [InlineData("Rejected")]
    public void PreliminaryReview_is_a_city_reviewer_task_due_in_ten_days(string outcome)
    {
        var (h, wf) = Single(Activity("pre", "Certification.PreliminaryReview"));
        var first = h.Start(wf);

        var task = first.TasksCreated.Single().Task!;
        task.Role.Should().Be("reviewer");
        task.Title.Should().Be("市级初审推荐");
        task.DueAt.Should().Be(h.Clock.Now.AddDays(10));
        task.Data!["level"]!.GetValue<string>().Should().Be("city");
        task.FormKey.Should().Be("preliminary-review");

        After(h.CompleteTask(wf, first.State, "pre", outcome)).Should().Be("on" + outcome);
    }

    [Theory]
    [InlineData(null, "省级审核（材料完整性与真实性）")]
    [InlineData("ministry", "工业和信息化部审核（材料完整性与真实性）")]
    public void FormalReview_defaults_to_the_province(string? level, string title)
    {
        var activity = level is null
            ? Activity("formal", "Certification.FormalReview")
            : Activity("formal", "Certification.FormalReview", ("level", Literal(level, "String")), ("dueDays", Literal(20, "Int32")));
        var (h, wf) = Single(activity);
        var first = h.Start(wf);
        first.TasksCreated.Single().Task!.Title.Should().Be(title);
        foreach (var outcome in new[] { "Passed", "Returned", "Rejected" })
            After(h.CompleteTask(wf, first.State, "formal", outcome)).Should().Be("on" + outcome);
    }

    [Theory]
    [InlineData("Passed")]
    [InlineData("Failed")]
    [InlineData("Divergent")]
    public void ExpertScoring_waits_on_one_panel_task_and_resumes_with_the_aggregate(string outcome)
    {
        var (h, wf) = Single(Activity("experts", "Certification.ExpertScoring", ("panelSize", Literal(5, "Int32")), ("passScore", Literal("62.5", "Decimal"))));
        var first = h.Start(wf);

        first.TasksCreated.Should().ContainSingle();
        var task = first.TasksCreated.Single().Task!;
        task.Role.Should().Be("expert-panel");
        task.Data!["panelSize"]!.GetValue<int>().Should().Be(5);
        task.Data["passScore"]!.GetValue<decimal>().Should().Be(62.5m);
        task.Data["divergenceThreshold"]!.GetValue<decimal>().Should().Be(15m);

        After(h.CompleteTask(wf, first.State, "experts", outcome, new JsonObject { ["scores"] = new JsonArray(70, 72, 68, 75, 71) })).Should().Be("on" + outcome);
    }

    [Fact]
    public void SpotCheck_is_skipped_when_not_sampled()
    {
        var (h, wf) = Single(Activity("spot", "Certification.SpotCheck"), new SimulationHost { Sampled = false });
        var result = h.Start(wf);
        After(result).Should().Be("onSkipped");
        result.TasksCreated.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Passed")]
    [InlineData("Failed")]
    public void SpotCheck_creates_a_task_when_sampled(string outcome)
    {
        var (h, wf) = Single(Activity("spot", "Certification.SpotCheck", ("sampleShare", Literal("0.5", "Decimal"))), new SimulationHost { Sampled = true });
        var first = h.Start(wf);
        first.TasksCreated.Single().Task!.Outcomes.Should().Equal("Passed", "Failed");
        After(h.CompleteTask(wf, first.State, "spot", outcome)).Should().Be("on" + outcome);
        h.Resume(wf, first.State, first.TasksCreated.Single().Id, new JsonObject { ["outcome"] = "Skipped" })
            .Outcome.Should().Be(ResumeOutcome.InvalidPayload, "Skipped is not a task outcome");
    }

    [Theory]
    [InlineData("Recommended")]
    [InlineData("NotRecommended")]
    public void Recommend_is_a_provincial_task_with_the_quota(string outcome)
    {
        var (h, wf) = Single(Activity("rec", "Certification.Recommend", ("quota", Literal(30, "Int32"))));
        var first = h.Start(wf);
        first.TasksCreated.Single().Task!.Data!["quota"]!.GetValue<int>().Should().Be(30);
        After(h.CompleteTask(wf, first.State, "rec", outcome)).Should().Be("on" + outcome);
    }

    [Fact]
    public void Publicity_ends_after_working_days_or_on_an_upheld_objection()
    {
        var (h, wf) = Single(Activity("pub", "Certification.Publicity"));
        h.Clock.Now = new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8)); // Thursday
        var first = h.Start(wf);

        var timer = first.BookmarksCreated.Single(b => b.Kind == BookmarkKind.Timer);
        timer.DueAt.Should().Be(new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.FromHours(8)), "5 working days, skipping the weekend");
        var task = first.BookmarksCreated.Single(b => b.Kind == BookmarkKind.Task).Task!;
        task.FormKey.Should().Be("objection");
        task.Role.Should().Be("reviewer");
        task.Outcomes.Should().Equal("ObjectionUpheld");

        After(h.CompleteTask(wf, first.State, "pub", "ObjectionUpheld")).Should().Be("onObjectionUpheld");
        h.Clock.Now = timer.DueAt!.Value;
        After(h.Resume(wf, first.State, timer.Id)).Should().Be("onClear");
    }

    [Fact]
    public void Certify_then_AwaitExpiry_waits_until_the_reevaluation_window()
    {
        var host = new SimulationHost();
        var h = new Harness { Host = host };
        var wf = h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("certify", "Certification.Certify"), Activity("expiry", "Certification.AwaitExpiry", ("daysBefore", Literal(60, "Int32"))),
             Activity("due", "Elsa.End")],
            [Connect("start", "certify"), Connect("certify", "expiry"), Connect("expiry", "due", "Due")]));

        var first = h.Start(wf);

        host.Records.Should().ContainSingle(r => r.Action == "Certify" && r.Data["validityYears"]!.GetValue<int>() == 3);
        first.BookmarksCreated.Single().DueAt.Should().Be(h.Clock.Now.AddYears(3).AddDays(-60));
        h.Clock.Now = first.BookmarksCreated.Single().DueAt!.Value;
        After(h.Resume(wf, first.State, first.BookmarksCreated.Single().Id)).Should().Be("due");
    }

    [Theory]
    [InlineData(ReEvaluationOutcome.Renewed)]
    [InlineData(ReEvaluationOutcome.Downgraded)]
    [InlineData(ReEvaluationOutcome.Lapsed)]
    public void ReEvaluate_takes_the_hosts_verdict(ReEvaluationOutcome outcome)
    {
        var (h, wf) = Single(Activity("re", "Certification.ReEvaluate"), new SimulationHost { ReEvaluation = outcome });
        After(h.Start(wf)).Should().Be("on" + outcome);
    }

    [Fact]
    public void Reject_and_Revoke_pass_their_reasons_to_the_host()
    {
        var host = new SimulationHost();
        var h = new Harness { Host = host };
        var wf = h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("reject", "Certification.Reject", ("reason", Literal("材料不实", "String"))),
             Activity("revoke", "Certification.Revoke", ("reason", Js("'重大安全事故：' + getInput('incident')", "String")))],
            [Connect("start", "reject"), Connect("reject", "revoke")]));

        var result = h.Start(wf, new JsonObject { ["incident"] = "2026-02" });

        result.Status.Should().Be(WorkflowStatus.Finished);
        host.Records.Single(r => r.Action == "Reject").Data["reason"]!.GetValue<string>().Should().Be("材料不实");
        host.Records.Single(r => r.Action == "Revoke").Data["reason"]!.GetValue<string>().Should().Be("重大安全事故：2026-02");
        result.Journal.Single(j => j.ActivityId == "reject").Message.Should().Contain("材料不实");
    }

    private sealed class AssigningHost : ICertificationHost
    {
        public List<CertificationContext> Contexts { get; } = [];
        public ValueTask<CriteriaOutcome> EvaluateAsync(CertificationContext context, string tier) => throw new NotSupportedException();
        public ValueTask<bool> IsSampledForSpotCheckAsync(CertificationContext context, decimal share) => throw new NotSupportedException();
        public ValueTask<DateTimeOffset> PublicityEndsAtAsync(CertificationContext context, DateTimeOffset start, int workingDays) => throw new NotSupportedException();
        public ValueTask<DateTimeOffset> ExpiryReminderAtAsync(CertificationContext context, int daysBefore) => throw new NotSupportedException();
        public ValueTask<DateTimeOffset?> SubmissionDeadlineAsync(CertificationContext context) => ValueTask.FromResult<DateTimeOffset?>(null);
        public ValueTask CertifyAsync(CertificationContext context, int validityYears) => throw new NotSupportedException();
        public ValueTask RejectAsync(CertificationContext context, string? reason) => throw new NotSupportedException();
        public ValueTask<ReEvaluationOutcome> ReEvaluateAsync(CertificationContext context) => throw new NotSupportedException();
        public ValueTask RevokeAsync(CertificationContext context, string? reason) => throw new NotSupportedException();
        public ValueTask LapseAsync(CertificationContext context, string? reason) => throw new NotSupportedException();

        public async ValueTask<HumanTaskSpec> PrepareTaskAsync(CertificationContext context, HumanTaskSpec task)
        {
            await Task.Yield();
            Contexts.Add(context);
            return task with { Assignee = "reviewer-" + context.ApplicationId };
        }
    }

    [Fact]
    public async Task The_host_completes_tasks_and_sees_the_instance_context()
    {
        var host = new AssigningHost();
        var runner = new WorkflowRunner();
        var wf = runner.Compile(Read(Document(
            [Activity("start", "Elsa.Start"), Activity("pre", "Certification.PreliminaryReview", ("level", Literal("county", "String")))],
            [Connect("start", "pre")])));

        var result = await runner.StartAsync(wf, new JsonObject { ["applicationId"] = "APP-7" }, new WorkflowRunContext { Host = host, Actor = "enterprise-1" });

        result.TasksCreated.Single().Task!.Assignee.Should().Be("reviewer-APP-7");
        result.TasksCreated.Single().Task!.Title.Should().Be("县级初审推荐");
        host.Contexts.Single().Should().Match<CertificationContext>(c =>
            c.ActivityId == "pre" && c.ActivityType == "Certification.PreliminaryReview" && c.DefinitionId == "test-flow" && c.Actor == "enterprise-1");
    }
}
