using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Tests.Lifecycle;

public sealed class IntakeDraftTests : IDisposable
{
    private readonly IntakeApi _api = new();

    [Fact]
    public async Task A_draft_takes_its_tier_from_the_batch_and_shows_the_empty_checklist()
    {
        var enterpriseId = (string)(await _api.RegisterAsync())["id"]!;
        var batchId = (string)(await _api.CreateBatchAsync("specialized"))["id"]!;

        var response = await _api.Client.PostAsJsonAsync("/api/applications", new { enterpriseId, batchId });

        var draft = await IntakeApi.ExpectAsync(response, HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/api/applications/{draft["id"]}");
        ((string?)draft["status"]).Should().Be("Draft");
        ((string?)draft["statusLabel"]).Should().Be("草稿");
        ((string?)draft["tier"]).Should().Be("specialized");
        ((string?)draft["batch"]!["id"]).Should().Be(batchId);
        ((string?)draft["enterprise"]!["id"]).Should().Be(enterpriseId);
        draft["currentVersion"]!.GetValue<int>().Should().Be(0);
        draft["selfAssessment"].Should().BeNull();
        var checklist = draft["checklist"]!.AsArray();
        checklist.Select(i => (string?)i!["name"]).Should().Contain(["营业执照", "财务报表", "知识产权证明", "研发费用专项审计报告"]);
        checklist.Should().OnlyContain(i => !i!["present"]!.GetValue<bool>());
        draft["missingItems"]!.AsArray().Select(n => (string?)n).Should().Contain("研发费用专项审计报告");

        var list = (await _api.GetAsync($"/api/applications?enterpriseId={enterpriseId}")).AsArray();
        list.Select(a => (string?)a!["id"]).Should().Equal((string?)draft["id"]);
    }

    [Fact]
    public async Task The_little_giant_checklist_asks_for_the_market_share_proof()
    {
        var enterpriseId = (string)(await _api.RegisterAsync())["id"]!;
        var batchId = (string)(await _api.CreateBatchAsync("little-giant"))["id"]!;

        var draft = await _api.CreateDraftAsync(enterpriseId, batchId);

        draft["missingItems"]!.AsArray().Select(n => (string?)n).Should().Contain(["主导产品市场占有率证明", "研发费用专项审计报告", "营业执照"]);
    }

    [Fact]
    public async Task A_batch_of_another_region_is_a_400_naming_batchId()
    {
        var enterpriseId = (string)(await _api.RegisterAsync("330106"))["id"]!;
        var batchId = (string)(await _api.CreateBatchAsync("innovative", "3302"))["id"]!;

        var problem = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/applications", new { enterpriseId, batchId }),
            HttpStatusCode.BadRequest);

        ((string?)problem["field"]).Should().Be("batchId");
        ((string?)problem["detail"]).Should().Contain("3302").And.Contain("330106");
    }

    [Fact]
    public async Task Unknown_or_missing_references_are_400s_naming_them()
    {
        var batchId = (string)(await _api.CreateBatchAsync())["id"]!;
        var unknown = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/applications", new { enterpriseId = "nope", batchId }),
            HttpStatusCode.BadRequest);
        ((string?)unknown["field"]).Should().Be("enterpriseId");

        var missing = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/applications", new { }), HttpStatusCode.BadRequest);
        missing["errors"]!.AsArray().Select(e => (string?)e!["field"]).Should().BeEquivalentTo("enterpriseId", "batchId");
    }

    [Fact]
    public async Task A_malformed_application_body_is_a_400_problem_naming_the_field()
    {
        var response = await _api.Client.PostAsync("/api/applications",
            new StringContent("""{"enterpriseId": {"id": 1}, "batchId": "b"}""", System.Text.Encoding.UTF8, "application/json"));

        var problem = await IntakeApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        ((string?)problem["field"]).Should().Be("enterpriseId");
    }

    [Fact]
    public async Task A_closed_batch_takes_no_new_drafts_and_says_when_it_was_open()
    {
        var today = IntakeApi.Today;
        var enterpriseId = (string)(await _api.RegisterAsync())["id"]!;
        var batchId = (string)(await _api.CreateBatchAsync("innovative", "33", today.AddDays(-30), today.AddDays(-1)))["id"]!;

        var problem = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/applications", new { enterpriseId, batchId }),
            HttpStatusCode.Conflict);

        ((string?)problem["detail"]).Should().Contain(today.AddDays(-30).ToString("yyyy-MM-dd")).And.Contain(today.AddDays(-1).ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task A_second_draft_in_the_same_batch_is_a_409_naming_the_first()
    {
        var enterpriseId = (string)(await _api.RegisterAsync())["id"]!;
        var batchId = (string)(await _api.CreateBatchAsync())["id"]!;
        var first = (string)(await _api.CreateDraftAsync(enterpriseId, batchId))["id"]!;

        var problem = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/applications", new { enterpriseId, batchId }),
            HttpStatusCode.Conflict);

        ((string?)problem["detail"]).Should().Contain(first);
    }

    [Fact]
    public async Task An_enterprise_under_a_reapplication_ban_cannot_start_a_draft_and_is_told_until_when()
    {
        var enterpriseId = (string)(await _api.RegisterAsync())["id"]!;
        var batchId = (string)(await _api.CreateBatchAsync())["id"]!;
        var until = IntakeApi.Today.AddYears(2);
        await _api.WithDbAsync(async db =>
        {
            (await db.Enterprises.SingleAsync(e => e.Id == enterpriseId)).BanReapplicationUntil(until);
            await db.SaveChangesAsync();
        });

        var problem = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/applications", new { enterpriseId, batchId }),
            HttpStatusCode.Conflict);

        ((string?)problem["detail"]).Should().Contain(until.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task An_unknown_application_is_a_404()
    {
        await IntakeApi.ProblemAsync(await _api.Client.GetAsync("/api/applications/nope"), HttpStatusCode.NotFound);
        await IntakeApi.ProblemAsync(await _api.SubmitAsync("nope"), HttpStatusCode.NotFound);
    }

    public void Dispose() => _api.Dispose();
}
