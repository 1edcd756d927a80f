using Certification.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using Certification.Domain.Applications;
using Certification.Domain.Review;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>Expert panels of the specialized flow: drawing, scoring, anonymity, divergence, declines, shortfalls.</summary>
public sealed class ReviewExpertTests : IDisposable
{
    private const int SpecializedCase = 8; // eligible by score 76, region 510107 (成都市武侯区)
    private const int LittleGiantCase = 14; // eligible, region 110108 (北京市海淀区)
    private const string OtherCounty = "510104";

    private readonly ReviewScenario _s = new();

    [Fact]
    public async Task A_panel_of_three_drawn_without_conflicts_scores_the_dossier_and_passes_it()
    {
        var app = await _s.SubmitAsync(SpecializedCase);
        var experts = new Dictionary<string, string>();
        for (var i = 1; i <= 4; i++) experts[$"expert{i}"] = await _s.AddExpertAsync($"专家{i}", OtherCounty, $"expert{i}");
        var sameCounty = await _s.AddExpertAsync("同县专家", app.RegionCode, "local");
        var related = await _s.AddExpertAsync("有利害关系的专家", OtherCounty, "related", relatedCreditCodes: [app.CreditCode]);

        await ReachExpertReviewAsync(app);
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.ExpertReview);
        var task = await _s.OpenTaskAsync(app.ApplicationId, "Certification.ExpertScoring");
        task["role"]!.GetValue<string>().Should().Be("expert-panel");
        task["panel"]!["size"]!.GetValue<int>().Should().Be(3);
        task["panel"]!["seated"]!.GetValue<int>().Should().Be(3);
        task.ToJsonString().Should().NotContain("专家1").And.NotContain(experts["expert1"]);

        var seats = await SeatsAsync(task);
        seats.Should().HaveCount(3);
        seats.Select(a => a.ExpertId).Should().NotContain([sameCounty, related]).And.OnlyHaveUniqueItems();
        seats.Count(a => a.IsChair).Should().Be(1);

        // Each seated expert finds the panel task among "mine"; an expert without a seat does not.
        var seated = experts.Where(e => seats.Any(a => a.ExpertId == e.Value)).ToList();
        foreach (var (user, _) in seated)
            (await _s.OkAsync(_s.GetAsync("/api/tasks?mine=true", user))).AsArray().Should().ContainSingle(t => t!["id"]!.GetValue<string>() == task["id"]!.GetValue<string>());
        var unseated = experts.Single(e => seats.All(a => a.ExpertId != e.Value));
        (await _s.OkAsync(_s.GetAsync("/api/tasks?mine=true", unseated.Key))).AsArray().Should().BeEmpty();

        var (firstUser, firstExpert) = seated[0];
        var (secondUser, secondExpert) = seated[1];
        var (_, thirdExpert) = seated[2];
        var firstSeat = (await _s.OkAsync(_s.GetAsync($"/api/experts/{firstExpert}/assignments"))).AsArray().Should().ContainSingle().Subject!;
        firstSeat["status"]!.GetValue<string>().Should().Be("Assigned");
        firstSeat["enterpriseName"]!.GetValue<string>().Should().Be(app.EnterpriseName);

        var sheet = await _s.OkAsync(_s.GetAsync($"/api/expert-assignments/{firstSeat["id"]}"));
        sheet["indicators"]!.AsArray().Should().HaveCount(13);
        sheet["indicators"]![0]!["computedScore"]!.GetValue<decimal>().Should().Be(5);
        sheet["otherExperts"].Should().BeNull();

        // The first expert agrees with every computed score.
        var first = await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{firstSeat["id"]}/scores", new { indicators = Array.Empty<object>() }, firstUser));
        first["total"]!.GetValue<decimal>().Should().Be(76);
        first["panelComplete"]!.GetValue<bool>().Should().BeFalse();
        (await _s.OkAsync(_s.GetAsync($"/api/expert-assignments/{firstSeat["id"]}")))["otherExperts"]!.AsArray().Should().BeEmpty();

        // The second departs from a computed score: without a comment it is refused.
        var secondSeat = (await _s.OkAsync(_s.GetAsync($"/api/experts/{secondExpert}/assignments"))).AsArray().Single()!;
        var (status, problem) = await _s.PostAsync($"/api/expert-assignments/{secondSeat["id"]}/scores",
            new { indicators = new[] { new { code = "SPE-9", score = 10m } } }, secondUser);
        status.Should().Be(HttpStatusCode.BadRequest);
        problem!["detail"]!.GetValue<string>().Should().Contain("SPE-9").And.Contain("须填写说明");
        var second = await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{secondSeat["id"]}/scores",
            new { indicators = new[] { new { code = "SPE-9", score = 10m, comment = "特色化指标佐证材料不足" } } }, secondUser));
        second["total"]!.GetValue<decimal>().Should().Be(71);

        // Having submitted, the second expert sees the first's scores, anonymously.
        var secondView = await _s.OkAsync(_s.GetAsync($"/api/expert-assignments/{secondSeat["id"]}"));
        var others = secondView["otherExperts"]!.AsArray().Should().ContainSingle().Subject!;
        others["label"]!.GetValue<string>().Should().Be("专家 1");
        others["total"]!.GetValue<decimal>().Should().Be(76);
        var text = secondView.ToJsonString();
        foreach (var id in new[] { firstExpert, thirdExpert, firstSeat["id"]!.GetValue<string>() }) text.Should().NotContain(id);
        foreach (var e in experts.Keys) text.Should().NotContain(e);
        (await _s.OkAsync(_s.GetAsync($"/api/experts/{secondExpert}/assignments"))).AsArray().Should().ContainSingle();

        // The last sheet completes the panel: (76 + 71 + 76) / 3 = 74.33 → Passed, spot check skipped, publicity.
        var thirdSeat = (await _s.OkAsync(_s.GetAsync($"/api/experts/{thirdExpert}/assignments"))).AsArray().Single()!;
        var third = await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{thirdSeat["id"]}/scores", new { indicators = Array.Empty<object>() }));
        third["panelComplete"]!.GetValue<bool>().Should().BeTrue();
        third["panelOutcome"]!.GetValue<string>().Should().Be("Passed");
        third["panelScore"]!.GetValue<decimal>().Should().Be(74.33m);

        var application = await _s.ApplicationAsync(app.ApplicationId);
        application.ExpertScore.Should().Be(74.33m);
        application.Status.Should().Be(ApplicationStatus.Publicity);
        var decision = await _s.Db(db => db.ReviewDecisions.AsNoTracking().SingleAsync(d => d.Outcome == "Passed" && d.Stage.StartsWith("专家")));
        decision.DecidedBy.Should().Be("expert-panel");
        decision.Reason.Should().Contain("74.33").And.Contain("60");

        // Submitting again is refused; the timeline names the panel, never its members.
        (await _s.PostAsync($"/api/expert-assignments/{firstSeat["id"]}/scores", new { indicators = Array.Empty<object>() })).Status
            .Should().Be(HttpStatusCode.Conflict);
        var timeline = await _s.OkAsync(_s.GetAsync($"/api/applications/{app.ApplicationId}/timeline"));
        var expertEntry = timeline["entries"]!.AsArray().Single(e => e!["step"]!.GetValue<string>() == "专家评审" && e["outcome"]!.GetValue<string>() == "Passed")!;
        expertEntry["actor"]!.GetValue<string>().Should().Be("评审专家组");
        expertEntry["reason"]!.GetValue<string>().Should().Contain("74.33");
        foreach (var e in experts) timeline.ToJsonString().Should().NotContain(e.Key).And.NotContain(e.Value);
    }

    [Fact]
    public async Task Divergent_scores_go_to_the_chair_who_sees_the_panels_sheets_anonymously_and_rules()
    {
        var app = await _s.SubmitAsync(SpecializedCase);
        for (var i = 1; i <= 4; i++) await _s.AddExpertAsync($"专家{i}", OtherCounty, $"expert{i}");
        await ReachExpertReviewAsync(app);
        var panelTask = await _s.OpenTaskAsync(app.ApplicationId, "Certification.ExpertScoring");
        var seats = await SeatsAsync(panelTask);
        var chair = seats.Single(a => a.IsChair);

        var zeros = new[] { "SPE-1", "SPE-2", "SPE-3", "SPE-4", "SPE-5", "SPE-6", "SPE-7", "SPE-9", "SPE-10", "SPE-11", "SPE-12", "SPE-13" }
            .Select(code => new { code, score = 0m, comment = "证明材料不足" }).ToArray();
        await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{seats[0].Id}/scores", new { indicators = Array.Empty<object>() }));
        await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{seats[1].Id}/scores", new { indicators = zeros }));
        var last = await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{seats[2].Id}/scores", new { indicators = Array.Empty<object>() }));
        last["panelOutcome"]!.GetValue<string>().Should().Be("Divergent");

        // The chair ruling is a panel of one: the panel's chair, drawn again with the same seed.
        var ruling = await _s.OpenTaskAsync(app.ApplicationId, "Certification.ExpertScoring");
        ruling["id"]!.GetValue<string>().Should().NotBe(panelTask["id"]!.GetValue<string>());
        ruling["title"]!.GetValue<string>().Should().Contain("1 人");
        var rulingSeat = (await SeatsAsync(ruling)).Should().ContainSingle().Subject;
        rulingSeat.IsChair.Should().BeTrue();
        rulingSeat.ExpertId.Should().Be(chair.ExpertId);
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.ExpertReview);

        var sheet = await _s.OkAsync(_s.GetAsync($"/api/expert-assignments/{rulingSeat.Id}"));
        var underRuling = sheet["panelUnderRuling"]!.AsArray();
        underRuling.Select(x => x!["total"]!.GetValue<decimal>()).Should().Equal(76m, 76m, 0m);
        underRuling.Select(x => x!["label"]!.GetValue<string>()).Should().Equal("专家 1", "专家 2", "专家 3");
        sheet["otherExperts"].Should().BeNull();

        var ruled = await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{rulingSeat.Id}/scores", new { indicators = Array.Empty<object>() }));
        ruled["panelOutcome"]!.GetValue<string>().Should().Be("Passed");
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.Publicity);
        var decisions = await _s.Db(db => db.ReviewDecisions.AsNoTracking().Where(d => d.DecidedBy == "expert-panel").OrderBy(d => d.Id).ToListAsync());
        decisions.Select(d => d.Outcome).Should().Equal("Divergent", "Passed");
        decisions[0].Reason.Should().Contain("相差 76 分").And.Contain("超过 15 分");
    }

    [Fact]
    public async Task An_expert_who_declines_is_replaced_and_a_decline_without_substitute_is_refused()
    {
        var app = await _s.SubmitAsync(SpecializedCase);
        var pool = new List<string>();
        for (var i = 1; i <= 4; i++) pool.Add(await _s.AddExpertAsync($"专家{i}", OtherCounty, $"expert{i}"));
        await ReachExpertReviewAsync(app);
        var task = await _s.OpenTaskAsync(app.ApplicationId, "Certification.ExpertScoring");
        var seats = await SeatsAsync(task);
        var spare = pool.Single(id => seats.All(a => a.ExpertId != id));
        var decliner = seats.Single(a => a.IsChair);

        (await _s.PostAsync($"/api/expert-assignments/{decliner.Id}/decline", new { reason = " " })).Status.Should().Be(HttpStatusCode.BadRequest);
        var declined = await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{decliner.Id}/decline", new { reason = "近三年曾为该企业提供咨询服务" }));
        declined["status"]!.GetValue<string>().Should().Be("Declined");
        declined.ToJsonString().Should().NotContain(spare);

        var after = await SeatsAsync(task);
        after.Should().HaveCount(4);
        var substitute = after.Single(a => a.ExpertId == spare);
        substitute.Status.Should().Be(ExpertAssignmentStatus.Assigned);
        substitute.IsChair.Should().BeTrue("the substitute takes the decliner's seat, chair included");
        after.Single(a => a.Id == decliner.Id).DeclineReason.Should().Be("近三年曾为该企业提供咨询服务");
        (await _s.OkAsync(_s.GetAsync($"/api/experts/{decliner.ExpertId}/assignments"))).AsArray().Single()!["status"]!.GetValue<string>()
            .Should().Be("Declined");
        var refreshed = await _s.OkAsync(_s.GetAsync($"/api/tasks/{task["id"]}"));
        refreshed["panel"]!["seated"]!.GetValue<int>().Should().Be(3);
        refreshed["panel"]!["declined"]!.GetValue<int>().Should().Be(1);

        // Nobody is left to substitute: the decline is refused and the seat kept.
        var another = after.First(a => a.Status == ExpertAssignmentStatus.Assigned && a.ExpertId != spare);
        var (status, problem) = await _s.PostAsync($"/api/expert-assignments/{another.Id}/decline", new { reason = "时间冲突" });
        status.Should().Be(HttpStatusCode.Conflict);
        problem!["detail"]!.GetValue<string>().Should().Contain("没有可替补的专家");
        (await SeatsAsync(task)).Single(a => a.Id == another.Id).Status.Should().Be(ExpertAssignmentStatus.Assigned);

        // The panel as it now stands completes the review.
        foreach (var seat in (await SeatsAsync(task)).Where(a => a.Status == ExpertAssignmentStatus.Assigned))
            await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{seat.Id}/scores", new { indicators = Array.Empty<object>() }));
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.Publicity);
    }

    [Fact]
    public async Task A_pool_too_small_seats_whom_it_can_and_the_panel_is_filled_after_experts_are_added()
    {
        var app = await _s.SubmitAsync(SpecializedCase);
        await _s.AddExpertAsync("专家1", OtherCounty, "expert1");
        await _s.AddExpertAsync("专家2", OtherCounty, "expert2");
        await ReachExpertReviewAsync(app);

        var task = await _s.OpenTaskAsync(app.ApplicationId, "Certification.ExpertScoring");
        task["panel"]!["seated"]!.GetValue<int>().Should().Be(2);
        var detail = await _s.OkAsync(_s.GetAsync($"/api/tasks/{task["id"]}"));
        detail["data"]!["shortfall"]!.GetValue<string>().Should().Contain("可抽取的专家不足");
        foreach (var seat in await SeatsAsync(task))
        {
            var answer = await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{seat.Id}/scores", new { indicators = Array.Empty<object>() }));
            answer["panelComplete"]!.GetValue<bool>().Should().BeFalse("a panel of three is not complete with two sheets");
        }

        await _s.AddExpertAsync("专家3", OtherCounty, "expert3");
        var filled = await _s.OkAsync(_s.PostAsync($"/api/expert-panels/{task["id"]}/fill", null));
        filled["panel"]!["seated"]!.GetValue<int>().Should().Be(3);
        filled["panel"]!["submitted"]!.GetValue<int>().Should().Be(2);
        filled["shortfall"].Should().BeNull();

        var newcomer = (await SeatsAsync(task)).Single(a => a.Status == ExpertAssignmentStatus.Assigned);
        var last = await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{newcomer.Id}/scores", new { indicators = Array.Empty<object>() }));
        last["panelOutcome"]!.GetValue<string>().Should().Be("Passed");
    }

    [Fact]
    public async Task The_last_two_sheets_submitted_at_once_are_serialised_so_the_panel_never_stalls()
    {
        var app = await _s.SubmitAsync(SpecializedCase);
        for (var i = 1; i <= 3; i++) await _s.AddExpertAsync($"专家{i}", OtherCounty, $"expert{i}");
        await ReachExpertReviewAsync(app);
        var task = await _s.OpenTaskAsync(app.ApplicationId, "Certification.ExpertScoring");
        var seats = await SeatsAsync(task);
        await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{seats[0].Id}/scores", new { indicators = Array.Empty<object>() }));

        // Both see the other's seat still open; without serialisation neither would resume the panel task.
        var answers = await _s.RaceAsync(
            () => _s.PostAsync($"/api/expert-assignments/{seats[1].Id}/scores", new { indicators = Array.Empty<object>() }),
            () => _s.PostAsync($"/api/expert-assignments/{seats[2].Id}/scores", new { indicators = Array.Empty<object>() }));
        answers.Select(a => a.Status).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        answers.Single(a => a.Status == HttpStatusCode.OK).Body!["panelComplete"]!.GetValue<bool>().Should().BeFalse();

        // The one that lost submits again and completes the panel.
        var retry = answers[0].Status == HttpStatusCode.Conflict ? seats[1] : seats[2];
        var last = await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{retry.Id}/scores", new { indicators = Array.Empty<object>() }));
        last["panelOutcome"]!.GetValue<string>().Should().Be("Passed");
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.Publicity);
    }

    [Fact]
    public async Task Little_giant_panels_of_five_score_the_six_aspects_and_drop_the_highest_and_lowest()
    {
        var app = await _s.SubmitAsync(LittleGiantCase);
        var pool = new List<string>();
        for (var i = 1; i <= 6; i++) pool.Add(await _s.AddExpertAsync($"专家{i}", "110105", $"expert{i}"));

        await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Recommended", actor: "province-officer");
        var provincial = await _s.OpenTaskAsync(app.ApplicationId, "Certification.ExpertScoring");
        provincial["title"]!.GetValue<string>().Should().Contain("5 人");
        var seats = await SeatsAsync(provincial);
        seats.Should().HaveCount(5);

        // No computed scores for little giant: every aspect is judged, so a sheet without them is refused.
        var sheet = await _s.OkAsync(_s.GetAsync($"/api/expert-assignments/{seats[0].Id}"));
        sheet["indicators"]!.AsArray().Select(x => x!["code"]!.GetValue<string>()).Should().Equal("LG-1", "LG-2", "LG-3", "LG-4", "LG-5", "LG-6");
        var (status, problem) = await _s.PostAsync($"/api/expert-assignments/{seats[0].Id}/scores", new { indicators = Array.Empty<object>() });
        status.Should().Be(HttpStatusCode.BadRequest);
        problem!["detail"]!.GetValue<string>().Should().Contain("LG-1 尚未评分");

        // Totals 80, 82, 85, 84, 78: 85 and 78 are dropped, the mean of 80, 82, 84 is 82.
        decimal[] totals = [80, 82, 85, 84, 78];
        for (var i = 0; i < 5; i++)
            await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{seats[i].Id}/scores", new { indicators = Aspects(totals[i]) }));
        (await _s.ApplicationAsync(app.ApplicationId)).ExpertScore.Should().Be(82m);
        var decision = await _s.Db(db => db.ReviewDecisions.AsNoTracking().OrderByDescending(d => d.Id).FirstAsync());
        decision.Reason.Should().Contain("去掉一个最高分和一个最低分").And.Contain("82");

        // Provincial recommendation, then the ministry's review and panel.
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.Recommendation);
        (await _s.PostAsync($"/api/tasks/{(await _s.OpenTaskAsync(app.ApplicationId, "Certification.Recommend"))["id"]}/complete",
            new { outcome = "NotRecommended" })).Status.Should().Be(HttpStatusCode.BadRequest, "not recommending needs a reason");
        await _s.CompleteAsync(app.ApplicationId, "Certification.Recommend", "Recommended", actor: "province-officer");
        var ministry = await _s.CompleteAsync(app.ApplicationId, "Certification.FormalReview", "Passed", actor: "miit-officer");
        ministry["applicationStatus"]!.GetValue<string>().Should().Be(ApplicationStatus.ExpertReview);
        var national = await _s.OpenTaskAsync(app.ApplicationId, "Certification.ExpertScoring");
        foreach (var seat in await SeatsAsync(national))
            await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{seat.Id}/scores", new { indicators = Aspects(90) }));
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.Publicity);

        await _s.AdvanceToAsync(new DateTimeOffset(2026, 3, 7, 0, 0, 1, TimeSpan.FromHours(8)));
        var title = await _s.Db(db => db.Titles.AsNoTracking().SingleAsync());
        title.CertificateNumber.Should().Be("XJR-2026-000001");
        title.Tier.Should().Be("little-giant");
    }

    /// <summary>The six aspects scored to a given total (within their maxima 20, 15, 15, 25, 15, 10).</summary>
    [Fact]
    public async Task The_province_recommends_within_the_quota_ranked_by_panel_score()
    {
        for (var i = 1; i <= 6; i++) await _s.AddExpertAsync($"专家{i}", "510104", $"expert{i}");
        var apps = new List<SeededApplication>();
        for (var i = 0; i < 3; i++) apps.Add(await _s.SubmitAsync(LittleGiantCase));
        var batchId = apps[0].BatchId;
        var ids = apps.Select(a => a.ApplicationId).ToList();
        await _s.InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            await db.Applications.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(u => u.SetProperty(a => a.BatchId, batchId));
            await db.Batches.Where(b => b.Id == batchId).ExecuteUpdateAsync(u => u.SetProperty(b => b.RecommendationQuota, (int?)2));
        });

        decimal[] panelTotals = [70, 90, 80];
        for (var i = 0; i < 3; i++)
        {
            await _s.CompleteAsync(ids[i], "Certification.PreliminaryReview", "Recommended", actor: "province-officer");
            foreach (var seat in await SeatsAsync(await _s.OpenTaskAsync(ids[i], "Certification.ExpertScoring")))
                await _s.OkAsync(_s.PostAsync($"/api/expert-assignments/{seat.Id}/scores", new { indicators = Aspects(panelTotals[i]) }));
        }

        var ranking = await _s.OkAsync(_s.PostAsync($"/api/batches/{batchId}/recommendations", null, actor: "province-officer"));

        ranking["quota"]!.GetValue<int>().Should().Be(2);
        (await _s.ApplicationAsync(ids[1])).Status.Should().Be(ApplicationStatus.FormalReview, "90 points ranks first");
        (await _s.ApplicationAsync(ids[2])).Status.Should().Be(ApplicationStatus.FormalReview, "80 points ranks second");
        var third = await _s.ApplicationAsync(ids[0]);
        third.Status.Should().Be(ApplicationStatus.Rejected);
        third.DecisionReason.Should().Contain("第 3 位");
        (await _s.PostAsync($"/api/batches/{batchId}/recommendations", null)).Status.Should().Be(HttpStatusCode.Conflict, "nothing waits any more");
    }

    private static object[] Aspects(decimal total)
    {
        decimal[] max = [20, 15, 15, 25, 15, 10];
        var missing = 100 - total;
        return max.Select((m, i) =>
        {
            var cut = Math.Min(m, missing);
            missing -= cut;
            return (object)new { code = $"LG-{i + 1}", score = m - cut, comment = "依据申报材料评定" };
        }).ToArray();
    }

    [Fact]
    public async Task Registering_an_expert_checks_the_input()
    {
        var (status, problem) = await _s.PostAsync("/api/experts", new { name = "", regionCode = "33", fields = Array.Empty<string>(), relatedCreditCodes = new[] { "123" } });
        status.Should().Be(HttpStatusCode.BadRequest);
        problem!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).Should().Contain(["name", "regionCode", "fields", "relatedCreditCodes[0]"]);

        await _s.AddExpertAsync("专家1", OtherCounty, "expert1");
        (await _s.PostAsync("/api/experts", new { name = "专家2", regionCode = OtherCounty, fields = new[] { "新材料" }, userName = "expert1" })).Status
            .Should().Be(HttpStatusCode.Conflict);
        (await _s.OkAsync(_s.GetAsync("/api/experts"))).AsArray().Should().ContainSingle();
        (await _s.GetAsync("/api/experts/nobody/assignments")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task ReachExpertReviewAsync(SeededApplication app)
    {
        await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Recommended", actor: "city-officer");
        await _s.CompleteAsync(app.ApplicationId, "Certification.FormalReview", "Passed", actor: "province-officer");
    }

    private Task<List<ExpertAssignment>> SeatsAsync(JsonNode task)
    {
        var id = task["id"]!.GetValue<string>();
        return _s.Db(db => db.ExpertAssignments.AsNoTracking().Where(a => a.PanelTaskId == id).OrderBy(a => a.AssignedAt).ThenBy(a => a.Id).ToListAsync());
    }

    public void Dispose() => _s.Dispose();
}
