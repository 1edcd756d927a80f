using System.Net;
using Certification.Domain.Applications;
using Certification.Domain.Publicity;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>Publicity: the public notice, objections lodged by anyone, resolved by officers.</summary>
public sealed class ReviewPublicityTests : IDisposable
{
    private const int InnovativeCase = 0;
    private static readonly DateTimeOffset AfterPublicity = new(2026, 3, 7, 0, 0, 1, TimeSpan.FromHours(8));

    private readonly ReviewScenario _s = new();

    [Fact]
    public async Task An_upheld_objection_sends_the_application_back_to_formal_review()
    {
        var app = await ReachPublicityAsync();
        var receipt = await _s.OkAsync(_s.PostAsync("/api/public/objections", new
        {
            applicationId = app.ApplicationId, contactName = "张三", contactPhone = "13900000000", content = "该企业主营产品实际为外购贴牌，研发费用不实。",
        }), HttpStatusCode.Created);
        receipt["status"]!.GetValue<string>().Should().Be(ObjectionStatus.Open);
        var objectionId = receipt["id"]!.GetValue<string>();

        var listed = (await _s.OkAsync(_s.GetAsync($"/api/objections?applicationId={app.ApplicationId}"))).AsArray();
        listed.Should().ContainSingle().Which!["contactName"]!.GetValue<string>().Should().Be("张三");

        var resolved = await _s.OkAsync(_s.PostAsync($"/api/objections/{objectionId}/resolve",
            new { upheld = true, resolution = "经核实研发费用归集不实，退回省级核实" }, "province-officer"));
        resolved["status"]!.GetValue<string>().Should().Be(ObjectionStatus.Upheld);
        resolved["applicationStatus"]!.GetValue<string>().Should().Be(ApplicationStatus.FormalReview);

        var formal = await _s.OpenTaskAsync(app.ApplicationId, "Certification.FormalReview");
        formal["region"]!.GetValue<string>().Should().Be("330106");
        (await _s.TasksOfAsync(app.ApplicationId)).Should().NotContain(t => t.ActivityType == "Certification.Publicity" && t.Status == "Open");
        (await _s.OkAsync(_s.GetAsync("/api/public/publicity"))).AsArray().Should().BeEmpty();
        (await _s.Db(db => db.Bookmarks.CountAsync(b => b.Kind == "Timer"))).Should().Be(0, "the publicity timer went with its activity");

        // The publicity period passing no longer certifies anything.
        await _s.AdvanceToAsync(AfterPublicity);
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.FormalReview);

        var timeline = await _s.OkAsync(_s.GetAsync($"/api/applications/{app.ApplicationId}/timeline"));
        var upheld = timeline["entries"]!.AsArray().Single(e => e!["outcome"]?.GetValue<string>() == "ObjectionUpheld")!;
        upheld["reason"]!.GetValue<string>().Should().Be("经核实研发费用归集不实，退回省级核实");
        upheld["actor"]!.GetValue<string>().Should().Be("province-officer");
        timeline["awaiting"]!.AsArray().Should().ContainSingle().Which!["title"]!.GetValue<string>().Should().Contain("省级审核");

        // Resolving it again is refused.
        (await _s.PostAsync($"/api/objections/{objectionId}/resolve", new { upheld = false, resolution = "再次处理" }, "x")).Status
            .Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_dismissed_objection_leaves_the_publicity_running_to_certification()
    {
        var app = await ReachPublicityAsync();
        var objectionId = (await _s.OkAsync(_s.PostAsync("/api/public/objections", new
        {
            applicationId = app.ApplicationId, contactName = "李四", contactPhone = "010-12345678", content = "怀疑该企业不属于中小企业。",
        }), HttpStatusCode.Created))["id"]!.GetValue<string>();

        var resolved = await _s.OkAsync(_s.PostAsync($"/api/objections/{objectionId}/resolve",
            new { upheld = false, resolution = "经核实企业从业人员与营业收入符合中小企业划型标准" }, "province-officer"));
        resolved["status"]!.GetValue<string>().Should().Be(ObjectionStatus.Dismissed);
        resolved["applicationStatus"]!.GetValue<string>().Should().Be(ApplicationStatus.Publicity);
        (await _s.Db(db => db.ReviewDecisions.CountAsync(d => d.Outcome == "ObjectionUpheld"))).Should().Be(0);
        (await _s.OpenTaskAsync(app.ApplicationId, "Certification.Publicity"))["formKey"]!.GetValue<string>().Should().Be("objection");

        await _s.AdvanceToAsync(AfterPublicity);
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.Certified);
        (await _s.Db(db => db.Titles.CountAsync(t => t.ApplicationId == app.ApplicationId))).Should().Be(1);

        // Once the publicity is over, objections are no longer accepted.
        var (status, problem) = await _s.PostAsync("/api/public/objections", new
        {
            applicationId = app.ApplicationId, contactName = "王五", contactPhone = "13700000000", content = "迟到的异议",
        });
        status.Should().Be(HttpStatusCode.Conflict);
        problem!["detail"]!.GetValue<string>().Should().Contain("不在公示期内");
    }

    [Fact]
    public async Task Objections_are_refused_before_publicity_and_checked_for_content()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        (await _s.PostAsync("/api/public/objections", new
        {
            applicationId = app.ApplicationId, contactName = "张三", contactPhone = "13900000000", content = "异议",
        })).Status.Should().Be(HttpStatusCode.Conflict);

        var (status, problem) = await _s.PostAsync("/api/public/objections", new { applicationId = app.ApplicationId, contactName = "", contactPhone = "", content = "" });
        status.Should().Be(HttpStatusCode.BadRequest);
        problem!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).Should().BeEquivalentTo(["contactName", "contactPhone", "content"]);
        (await _s.PostAsync("/api/public/objections", new { applicationId = "nope", contactName = "a", contactPhone = "1", content = "c" })).Status
            .Should().Be(HttpStatusCode.NotFound);
        (await _s.PostAsync("/api/objections/nope/resolve", new { upheld = true, resolution = "x" })).Status.Should().Be(HttpStatusCode.NotFound);
        (await _s.PostAsync("/api/objections/nope/resolve", new { resolution = "x" })).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_objection_upheld_after_the_publicity_ended_is_refused_and_not_recorded()
    {
        var app = await ReachPublicityAsync();
        var objectionId = (await _s.OkAsync(_s.PostAsync("/api/public/objections", new
        {
            applicationId = app.ApplicationId, contactName = "张三", contactPhone = "13900000000", content = "异议内容",
        }), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await _s.AdvanceToAsync(AfterPublicity);

        var (status, problem) = await _s.PostAsync($"/api/objections/{objectionId}/resolve", new { upheld = true, resolution = "成立" }, "officer");
        status.Should().Be(HttpStatusCode.Conflict);
        problem!["detail"]!.GetValue<string>().Should().Contain("已不在公示期");
        (await _s.Db(db => db.Objections.AsNoTracking().SingleAsync(o => o.Id == objectionId))).Status.Should().Be(ObjectionStatus.Open);
    }

    private async Task<SeededApplication> ReachPublicityAsync()
    {
        var app = await _s.SubmitAsync(InnovativeCase);
        await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Recommended", actor: "city-officer");
        await _s.CompleteAsync(app.ApplicationId, "Certification.FormalReview", "Passed", actor: "province-officer");
        (await _s.ApplicationAsync(app.ApplicationId)).Status.Should().Be(ApplicationStatus.Publicity);
        return app;
    }

    public void Dispose() => _s.Dispose();
}
