using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Certification.Api.Tests.Lifecycle;

public sealed class IntakeBatchTests : IDisposable
{
    private readonly IntakeApi _api = new();

    [Fact]
    public async Task A_batch_is_created_with_the_defaults_and_read_back()
    {
        var today = IntakeApi.Today;
        var response = await _api.Client.PostAsJsonAsync("/api/batches", new
        {
            name = "2026 年浙江省专精特新中小企业第一批", tier = "specialized", regionPrefix = "33",
            opensOn = today.AddDays(-1).ToString("yyyy-MM-dd"), closesOn = today.AddDays(20).ToString("yyyy-MM-dd"),
        });

        var batch = await IntakeApi.ExpectAsync(response, HttpStatusCode.Created);
        ((string?)batch["criteriaVersion"]).Should().Be("miit-2022");
        batch["publicityWorkingDays"]!.GetValue<int>().Should().Be(5);
        batch["spotCheckShare"]!.GetValue<decimal>().Should().Be(0.2m);
        batch["recommendationQuota"].Should().BeNull();
        batch["isOpen"]!.GetValue<bool>().Should().BeTrue();
        ((string?)batch["tierName"]).Should().Be("专精特新中小企业");

        var read = await _api.GetAsync($"/api/batches/{batch["id"]}");
        ((string?)read["name"]).Should().Be("2026 年浙江省专精特新中小企业第一批");
        ((string?)read["closesOn"]).Should().Be(today.AddDays(20).ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task An_unknown_criteria_version_or_tier_is_a_400_naming_it()
    {
        var today = IntakeApi.Today.ToString("yyyy-MM-dd");
        var version = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/batches",
            new { name = "x", tier = "innovative", regionPrefix = "33", opensOn = today, closesOn = today, criteriaVersion = "miit-1999" }),
            HttpStatusCode.BadRequest);
        ((string?)version["field"]).Should().Be("criteriaVersion");

        var tier = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/batches",
            new { name = "x", tier = "champion", regionPrefix = "33", opensOn = today, closesOn = today }), HttpStatusCode.BadRequest);
        ((string?)tier["field"]).Should().Be("tier");
        ((string?)tier["detail"]).Should().Contain("little-giant");
    }

    [Fact]
    public async Task Closing_a_batch_early_refuses_new_submissions_and_reopening_it_accepts_them_again()
    {
        var (_, batchId, applicationId) = await _api.CompleteDraftAsync();
        var today = IntakeApi.Today;

        var closed = await IntakeApi.ExpectAsync(await _api.Client.PutAsJsonAsync($"/api/batches/{batchId}/window",
            new { opensOn = today.AddDays(-10).ToString("yyyy-MM-dd"), closesOn = today.AddDays(-1).ToString("yyyy-MM-dd") }), HttpStatusCode.OK);
        closed["isOpen"]!.GetValue<bool>().Should().BeFalse();
        var refused = await IntakeApi.ProblemAsync(await _api.SubmitAsync(applicationId), HttpStatusCode.Conflict);
        ((string?)refused["detail"]).Should().Contain("不在申报期内");

        var reopened = await IntakeApi.ExpectAsync(await _api.Client.PutAsJsonAsync($"/api/batches/{batchId}/window",
            new { opensOn = today.AddDays(-10).ToString("yyyy-MM-dd"), closesOn = today.AddDays(5).ToString("yyyy-MM-dd") }), HttpStatusCode.OK);
        reopened["isOpen"]!.GetValue<bool>().Should().BeTrue();
        await IntakeApi.ExpectAsync(await _api.SubmitAsync(applicationId), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_window_that_closes_before_it_opens_is_refused_naming_closesOn_and_an_unknown_batch_is_404()
    {
        var (_, batchId, _) = await _api.CompleteDraftAsync();

        var backwards = await IntakeApi.ProblemAsync(await _api.Client.PutAsJsonAsync($"/api/batches/{batchId}/window",
            new { opensOn = "2026-05-01", closesOn = "2026-04-30" }), HttpStatusCode.BadRequest);
        ((string?)backwards["field"]).Should().Be("closesOn");
        await IntakeApi.ProblemAsync(await _api.Client.PutAsJsonAsync("/api/batches/no-such-batch/window",
            new { opensOn = "2026-05-01", closesOn = "2026-05-30" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_window_closing_before_it_opens_and_a_bad_region_are_400s()
    {
        var closes = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/batches",
            new { name = "x", tier = "innovative", regionPrefix = "33", opensOn = "2026-05-01", closesOn = "2026-04-30" }), HttpStatusCode.BadRequest);
        ((string?)closes["field"]).Should().Be("closesOn");

        var region = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/batches",
            new { name = "x", tier = "innovative", regionPrefix = "330", opensOn = "2026-05-01", closesOn = "2026-05-30" }), HttpStatusCode.BadRequest);
        ((string?)region["field"]).Should().Be("regionPrefix");
    }

    [Fact]
    public async Task A_malformed_date_is_a_400_naming_the_field()
    {
        var response = await _api.Client.PostAsync("/api/batches", new StringContent(
            """{"name":"x","tier":"innovative","regionPrefix":"33","opensOn":"2026-02-30","closesOn":"2026-03-01"}""", Encoding.UTF8, "application/json"));

        var problem = await IntakeApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        ((string?)problem["field"]).Should().Be("opensOn");
    }

    [Fact]
    public async Task Listing_filters_by_tier_open_today_and_region()
    {
        var today = IntakeApi.Today;
        var open = (string)(await _api.CreateBatchAsync("innovative", "3301"))["id"]!;
        var future = (string)(await _api.CreateBatchAsync("innovative", "33", today.AddDays(10), today.AddDays(40)))["id"]!;
        var past = (string)(await _api.CreateBatchAsync("innovative", "33", today.AddDays(-40), today.AddDays(-1)))["id"]!;
        var other = (string)(await _api.CreateBatchAsync("specialized", "33"))["id"]!;

        var openInnovative = (await _api.GetAsync("/api/batches?tier=innovative&open=true")).AsArray().Select(b => (string?)b!["id"]);
        openInnovative.Should().Equal(open);
        var notOpen = (await _api.GetAsync("/api/batches?open=false")).AsArray().Select(b => (string?)b!["id"]);
        notOpen.Should().BeEquivalentTo([future, past]);
        var beijing = (await _api.GetAsync("/api/batches?regionCode=110105")).AsArray();
        beijing.Should().BeEmpty();
        var hangzhou = (await _api.GetAsync("/api/batches?regionCode=330106")).AsArray().Select(b => (string?)b!["id"]);
        hangzhou.Should().BeEquivalentTo([open, future, past, other]);
    }

    [Fact]
    public async Task An_unknown_batch_is_a_404()
    {
        await IntakeApi.ProblemAsync(await _api.Client.GetAsync("/api/batches/nope"), HttpStatusCode.NotFound);
    }

    public void Dispose() => _api.Dispose();
}
