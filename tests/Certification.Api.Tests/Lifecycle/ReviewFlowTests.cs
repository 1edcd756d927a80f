using System.Net;
using System.Text.Json.Nodes;
using Certification.Domain.Applications;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>Review decisions through HTTP, from preliminary review to the certificate.</summary>
public sealed class ReviewFlowTests : IDisposable
{
    private const int InnovativeCase = 0; // eligible by score (80), region 330106
    private const int InnovativeNotEligibleCase = 4;

    private readonly ReviewScenario _s = new();

    [Fact]
    public async Task Innovative_application_is_reviewed_publicised_and_certified_with_a_numbered_three_year_title()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.PreliminaryReview);

        // The officer's inbox, narrowed to the province, shows the task in the application's region.
        var inbox = (await _s.OkAsync(_s.GetAsync("/api/tasks?role=reviewer&region=33"))).AsArray();
        var preliminary = inbox.Should().ContainSingle().Subject!;
        preliminary["region"]!.GetValue<string>().Should().Be("330106");
        preliminary["activityType"]!.GetValue<string>().Should().Be("Certification.PreliminaryReview");
        preliminary["application"]!["enterpriseName"]!.GetValue<string>().Should().Be(app.EnterpriseName);
        (await _s.OkAsync(_s.GetAsync("/api/tasks?role=reviewer&region=44"))).AsArray().Should().BeEmpty();
        var detail = await _s.OkAsync(_s.GetAsync($"/api/tasks/{preliminary["id"]}"));
        detail["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Equal("Recommended", "Returned", "Rejected");

        var recommended = await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Recommended", actor: "city-officer");
        recommended["applicationStatus"]!.GetValue<string>().Should().Be(ApplicationStatus.FormalReview);
        recommended["nextTaskIds"]!.AsArray().Should().ContainSingle();

        // Formal review passes; the batch samples no one (share 0), so the spot check is skipped and publicity starts.
        var passed = await _s.CompleteAsync(app.ApplicationId, "Certification.FormalReview", "Passed", actor: "province-officer");
        passed["applicationStatus"]!.GetValue<string>().Should().Be(ApplicationStatus.Publicity);
        var publicised = await _s.ApplicationAsync(app.ApplicationId);
        // 5 working days from Monday 2 March 2026: the last day is Friday 6 March, it ends at 00:00 on 7 March (Beijing).
        DateTime.SpecifyKind(publicised.PublicityEndsAt!.Value, DateTimeKind.Utc)
            .Should().Be(new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.FromHours(8)).UtcDateTime);

        var notice = (await _s.OkAsync(_s.GetAsync($"/api/public/publicity?batchId={app.BatchId}"))).AsArray();
        var entry = notice.Should().ContainSingle().Subject!;
        entry["enterpriseName"]!.GetValue<string>().Should().Be(app.EnterpriseName);
        entry["creditCode"]!.GetValue<string>().Should().Be(app.CreditCode);
        entry["tierName"]!.GetValue<string>().Should().Be("创新型中小企业");
        entry["lastDay"]!.GetValue<string>().Should().Be("2026-03-06");
        entry.AsObject().Select(p => p.Key).Should().NotContain(["score", "selfAssessmentScore", "profile", "decisionReason"]);

        // Nothing happens before the publicity is over.
        (await _s.AdvanceToAsync(new DateTimeOffset(2026, 3, 6, 23, 59, 0, TimeSpan.FromHours(8)))).Should().Be(0);
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.Publicity);

        (await _s.AdvanceToAsync(new DateTimeOffset(2026, 3, 7, 0, 0, 1, TimeSpan.FromHours(8)))).Should().Be(1);
        var certified = await _s.ApplicationAsync(app.ApplicationId);
        certified.Status.Should().Be(ApplicationStatus.Certified);
        var title = await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.ApplicationId == app.ApplicationId));
        title.CertificateNumber.Should().Be("CX-2026-000001");
        title.Tier.Should().Be("innovative");
        title.CriteriaVersion.Should().Be("miit-2022");
        title.IssuedOn.Should().Be(new DateOnly(2026, 3, 7));
        title.ValidUntil.Should().Be(new DateOnly(2029, 3, 6));
        (await _s.OkAsync(_s.GetAsync($"/api/public/publicity?batchId={app.BatchId}"))).AsArray().Should().BeEmpty();

        var timeline = await _s.OkAsync(_s.GetAsync($"/api/applications/{app.ApplicationId}/timeline"));
        timeline["statusLabel"]!.GetValue<string>().Should().Be("已认定");
        var steps = timeline["entries"]!.AsArray().Select(e => $"{e!["step"]}|{e["outcomeLabel"]}|{e["actor"]}").ToList();
        steps.Should().ContainInOrder(
            "企业申报|已提交|enterprise",
            "创新型中小企业条件核验|符合条件|enterprise",
            "市县初审|推荐|city-officer",
            "省级核实|通过|province-officer",
            "省级抽查|未抽中，免于抽查|province-officer",
            "公示|公示期满无异议|系统（到期自动处理）",
            "公告入库|完成|系统（到期自动处理）");
        timeline["awaiting"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_returned_application_goes_back_to_the_enterprise_with_the_reason_visible_in_its_timeline()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        var returned = await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Returned",
            "缺少 2025 年度审计报告，请补充后重新提交", "city-officer");
        returned["applicationStatus"]!.GetValue<string>().Should().Be(ApplicationStatus.Returned);

        var application = await _s.ApplicationAsync(app.ApplicationId);
        application.Status.Should().Be(ApplicationStatus.Returned);
        application.DecisionReason.Should().Be("缺少 2025 年度审计报告，请补充后重新提交");
        var decision = await _s.Db(db => db.ReviewDecisions.AsNoTracking().SingleAsync(d => d.ApplicationId == app.ApplicationId));
        decision.Outcome.Should().Be("Returned");
        decision.DecidedBy.Should().Be("city-officer");
        decision.Stage.Should().Be("市级初审推荐");

        var timeline = await _s.OkAsync(_s.GetAsync($"/api/applications/{app.ApplicationId}/timeline"));
        timeline["statusLabel"]!.GetValue<string>().Should().Be("退回补正");
        var returnEntry = timeline["entries"]!.AsArray().Single(e => e!["outcome"]?.GetValue<string>() == "Returned")!;
        returnEntry["reason"]!.GetValue<string>().Should().Be("缺少 2025 年度审计报告，请补充后重新提交");
        returnEntry["outcomeLabel"]!.GetValue<string>().Should().Be("退回补正");
        returnEntry["actor"]!.GetValue<string>().Should().Be("city-officer");
        var awaited = timeline["awaiting"]!.AsArray().Should().ContainSingle().Subject!;
        awaited["role"]!.GetValue<string>().Should().Be("enterprise");
        awaited["description"]!.GetValue<string>().Should().Contain("申报企业").And.Contain("提交申报材料");
        // A correction has no batch deadline: the enterprise's task waits without a submission timer.
        (await _s.Db(db => db.Bookmarks.CountAsync(b => b.Kind == "Timer"))).Should().Be(0);
    }

    [Fact]
    public async Task An_application_rejected_at_formal_review_is_closed_with_the_officers_reason()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Recommended", actor: "city-officer");
        var rejected = await _s.CompleteAsync(app.ApplicationId, "Certification.FormalReview", "Rejected",
            "知识产权证明与主营产品无关", "province-officer");
        rejected["applicationStatus"]!.GetValue<string>().Should().Be(ApplicationStatus.Rejected);
        rejected["workflowStatus"]!.GetValue<string>().Should().Be("Finished");

        var application = await _s.ApplicationAsync(app.ApplicationId);
        application.Status.Should().Be(ApplicationStatus.Rejected);
        application.DecisionReason.Should().Be("初审或省级核实不通过：知识产权证明与主营产品无关");
        application.DecidedAt.Should().NotBeNull();
        (await _s.Db(db => db.Titles.CountAsync())).Should().Be(0);

        var timeline = await _s.OkAsync(_s.GetAsync($"/api/applications/{app.ApplicationId}/timeline"));
        timeline["decisionReason"]!.GetValue<string>().Should().Be("初审或省级核实不通过：知识产权证明与主营产品无关");
        timeline["entries"]!.AsArray().Should().Contain(e => e!["reason"] != null && e["reason"]!.GetValue<string>() == "知识产权证明与主营产品无关");
        timeline["awaiting"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_sampled_application_is_spot_checked_and_a_failed_check_rejects_it_with_the_reason()
    {
        var app = await _s.SubmitAsync(InnovativeCase, spotCheckShare: 1m);
        await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Recommended", actor: "city-officer");
        var passed = await _s.CompleteAsync(app.ApplicationId, "Certification.FormalReview", "Passed", actor: "province-officer");
        passed["applicationStatus"]!.GetValue<string>().Should().Be(ApplicationStatus.SpotCheck);
        var task = await _s.OpenTaskAsync(app.ApplicationId, "Certification.SpotCheck");
        (await _s.OkAsync(_s.GetAsync($"/api/tasks/{task["id"]}")))["outcomes"]!.AsArray().Select(o => o!.GetValue<string>())
            .Should().Equal("Passed", "Failed");

        (await _s.PostAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Failed" }, "inspector")).Status.Should().Be(HttpStatusCode.BadRequest);
        await _s.CompleteAsync(app.ApplicationId, "Certification.SpotCheck", "Failed", "现场未见申报的生产线", "inspector");
        var application = await _s.ApplicationAsync(app.ApplicationId);
        application.Status.Should().Be(ApplicationStatus.Rejected);
        application.DecisionReason.Should().Be("抽查核实不通过：现场未见申报的生产线");
    }

    [Fact]
    public async Task An_application_that_does_not_meet_the_criteria_is_rejected_with_the_failed_conditions()
    {
        var app = await _s.SubmitAsync(InnovativeNotEligibleCase);
        var application = await _s.ApplicationAsync(app.ApplicationId);
        application.Status.Should().Be(ApplicationStatus.Rejected);
        application.DecisionReason.Should().StartWith("未达到创新型中小企业的认定（评价）条件：");
        (await _s.TasksOfAsync(app.ApplicationId)).Should().OnlyContain(t => t.Status != "Open");
    }

    [Theory]
    [InlineData("Returned")]
    [InlineData("Rejected")]
    [InlineData("rejected")]
    public async Task A_return_or_rejection_without_a_reason_is_refused_and_changes_nothing(string outcome)
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        var task = await _s.OpenTaskAsync(app.ApplicationId, "Certification.PreliminaryReview");

        var (status, body) = await _s.PostAsync($"/api/tasks/{task["id"]}/complete", new { outcome, reason = "  " }, "city-officer");
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["field"]!.GetValue<string>().Should().Be("reason");
        body["detail"]!.GetValue<string>().Should().Contain("必须填写理由");

        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.PreliminaryReview);
        (await _s.Db(db => db.ReviewDecisions.CountAsync())).Should().Be(0);
        (await _s.OpenTaskAsync(app.ApplicationId, "Certification.PreliminaryReview"))["id"]!.GetValue<string>()
            .Should().Be(task["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_outcome_the_task_does_not_take_is_refused_naming_the_choices()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        var task = await _s.OpenTaskAsync(app.ApplicationId, "Certification.PreliminaryReview");
        var (status, body) = await _s.PostAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Passed" }, "city-officer");
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["field"]!.GetValue<string>().Should().Be("outcome");
        body["detail"]!.GetValue<string>().Should().Contain("Recommended");

        (await _s.PostAsync("/api/tasks/no-such-task/complete", new { outcome = "Passed" })).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_submission_task_cannot_be_completed_as_a_review()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Returned", "请补充材料", "city-officer");
        var submission = (await _s.TasksOfAsync(app.ApplicationId)).Single(t => t.Status == "Open");
        submission.ActivityType.Should().Be("Certification.AwaitSubmission");
        var (status, _) = await _s.PostAsync($"/api/tasks/{submission.Id}/complete", new { outcome = "Submitted" }, "city-officer");
        status.Should().Be(HttpStatusCode.NotFound, "the enterprise's submission task is not in any reviewer's reach");
        (await _s.TasksOfAsync(app.ApplicationId)).Single(t => t.Id == submission.Id).Status.Should().Be("Open");
    }

    [Fact]
    public async Task Completing_a_task_twice_answers_409_naming_who_completed_it_and_when()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        var task = await _s.OpenTaskAsync(app.ApplicationId, "Certification.PreliminaryReview");
        await _s.OkAsync(_s.PostAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Recommended" }, "city-officer"));

        var (status, body) = await _s.PostAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Rejected", reason = "重复" }, "other-officer");
        status.Should().Be(HttpStatusCode.Conflict);
        body!["detail"]!.GetValue<string>().Should().Contain("city-officer").And.Contain("2026-03-02 09:00").And.Contain("推荐");
        (await _s.Db(db => db.ReviewDecisions.CountAsync())).Should().Be(1);
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.FormalReview);
    }

    [Fact]
    public async Task Of_two_concurrent_completions_of_one_task_one_commits_and_the_other_gets_409()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        var task = await _s.OpenTaskAsync(app.ApplicationId, "Certification.PreliminaryReview");
        var path = $"/api/tasks/{task["id"]}/complete";

        var answers = await Task.WhenAll(
            Task.Run(() => _s.PostAsync(path, new { outcome = "Recommended" }, "officer-a")),
            Task.Run(() => _s.PostAsync(path, new { outcome = "Returned", reason = "材料不全" }, "officer-b")));

        answers.Select(a => a.Status).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.Body?.ToJsonString()).Aggregate((x, y) => x + " / " + y));
        var winner = answers.Single(a => a.Status == HttpStatusCode.OK).Body!;
        var decisions = await _s.Db(db => db.ReviewDecisions.AsNoTracking().ToListAsync());
        decisions.Should().ContainSingle().Which.Outcome.Should().Be(winner["outcome"]!.GetValue<string>());
        var application = await _s.ApplicationAsync(app.ApplicationId);
        application.Status.Should().Be(winner["outcome"]!.GetValue<string>() == "Returned" ? ApplicationStatus.Returned : ApplicationStatus.FormalReview);
        (await _s.TasksOfAsync(app.ApplicationId)).Count(t => t.Status == "Open").Should().Be(1);
    }

    [Fact]
    public async Task Two_completions_that_both_saw_the_task_open_commit_once_the_loser_gets_409_and_leaves_no_trace()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        var task = await _s.OpenTaskAsync(app.ApplicationId, "Certification.PreliminaryReview");
        var path = $"/api/tasks/{task["id"]}/complete";

        var answers = await _s.RaceAsync(
            () => _s.PostAsync(path, new { outcome = "Recommended" }, "officer-a"),
            () => _s.PostAsync(path, new { outcome = "Rejected", reason = "材料不实" }, "officer-b"));

        answers.Select(x => x.Status).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var loser = answers.Single(x => x.Status == HttpStatusCode.Conflict).Body!;
        loser["detail"]!.GetValue<string>().Should().Contain("同时处理");
        var decisions = await _s.Db(db => db.ReviewDecisions.AsNoTracking().ToListAsync());
        decisions.Should().ContainSingle();
        var application = await _s.ApplicationAsync(app.ApplicationId);
        application.Status.Should().Be(decisions[0].Outcome == "Rejected" ? ApplicationStatus.Rejected : ApplicationStatus.FormalReview);
        (await _s.Db(db => db.JournalEntries.CountAsync(j => j.Outcome == "Recommended" || j.Outcome == "Rejected"))).Should().Be(1);
    }

    [Fact]
    public async Task Mine_lists_the_tasks_assigned_to_the_caller_and_needs_a_caller()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        (await _s.OkAsync(_s.GetAsync("/api/tasks?mine=true", "city-officer"))).AsArray().Should().BeEmpty();
        (await _s.Anonymous.GetAsync("/api/tasks?mine=true")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _s.GetAsync("/api/tasks?status=Bogus")).Status.Should().Be(HttpStatusCode.BadRequest);
        var all = (await _s.OkAsync(_s.GetAsync("/api/tasks?status=All"))).AsArray();
        all.Select(t => t!["activityType"]!.GetValue<string>()).Should().BeEquivalentTo(["Certification.AwaitSubmission", "Certification.PreliminaryReview"]);
        (await _s.OkAsync(_s.GetAsync("/api/tasks?status=Completed"))).AsArray().Should().ContainSingle()
            .Which!["completedBy"]!.GetValue<string>().Should().Be("enterprise");
        _ = app;
    }

    public void Dispose() => _s.Dispose();
}
