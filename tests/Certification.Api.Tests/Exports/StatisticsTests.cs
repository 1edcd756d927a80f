using System.Net;
using System.Text.Json.Nodes;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using Certification.Domain.Applications;
using Certification.Domain.Batches;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Exports;

/// <summary>
/// Statistics over a known set: titles written straight to the database (today is 2 March 2026 on the test clock),
/// expert scores on applications, and a funnel of innovative applications driven through the real workflow.
/// </summary>
public sealed class StatisticsTests : IDisposable
{
    private readonly ReviewScenario _s = new();

    private HttpClient Client(TestAccount account)
    {
        var client = _s.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", _s.Factory.TokenAsync(account).GetAwaiter().GetResult());
        return client;
    }

    private async Task<JsonNode> Get(TestAccount account, string path)
    {
        var response = await Client(account).GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>
    /// 4 innovative titles in 330106 issued 2023-06-30 (one revoked; the others expire 2026-06-29), 1 little giant in
    /// 330106 from 2024, 3 specialized in 330102 and 2 in 440305 from 2025; expert scores 72.5, 78, 85, 91
    /// (specialized) and 65 (little giant).
    /// </summary>
    private async Task SeedTitlesAndScoresAsync()
    {
        await _s.InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            await TitleSeed.SeedAsync(db, 4, "innovative", "330106", new DateOnly(2023, 6, 30), offset: 100);
            await TitleSeed.SeedAsync(db, 1, "little-giant", "330106", new DateOnly(2024, 7, 1), offset: 200);
            await TitleSeed.SeedAsync(db, 3, "specialized", "330102", new DateOnly(2025, 1, 10), offset: 300);
            await TitleSeed.SeedAsync(db, 2, "specialized", "440305", new DateOnly(2025, 1, 10), offset: 400);
            (await db.Titles.SingleAsync(t => t.Id == "title-100")).Revoke("弄虚作假", new DateOnly(2024, 6, 30));
            var now = DateTime.UtcNow;
            db.Batches.Add(Batch.Create("score-batch", "评分批次", "specialized", "33", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), "miit-2022", 5, 0m,
                null, now));
            var scores = new (string Tier, decimal Score)[] { ("specialized", 72.5m), ("specialized", 78m), ("specialized", 85m), ("specialized", 91m), ("little-giant", 65m) };
            for (var i = 0; i < scores.Length; i++)
            {
                var application = Application.Draft($"scored-{i}", $"ent-{300 + i % 3}", "score-batch", scores[i].Tier, "330102", "miit-2022", now);
                application.RecordExpertScore(scores[i].Score);
                db.Applications.Add(application);
            }
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Title_counts_by_tier_region_and_year_nationally_and_within_a_regulators_province()
    {
        await SeedTitlesAndScoresAsync();

        var national = await Get(TestAccount.Admin, "/api/statistics/titles");
        national["issued"]!.GetValue<int>().Should().Be(10);
        national["valid"]!.GetValue<int>().Should().Be(9);
        Rows(national).Should().Equal("innovative/33/2023/4/3", "little-giant/33/2024/1/1", "specialized/33/2025/3/3", "specialized/44/2025/2/2");

        var zhejiang = await Get(TestAccount.Regulator("33"), "/api/statistics/titles");
        zhejiang["regionName"]!.GetValue<string>().Should().Be("浙江省 33");
        Rows(zhejiang).Should().Equal("innovative/3301/2023/4/3", "little-giant/3301/2024/1/1", "specialized/3301/2025/3/3");

        (await Get(TestAccount.Admin, "/api/statistics/titles?tier=specialized&region=44"))["issued"]!.GetValue<int>().Should().Be(2);
        (await Get(TestAccount.Admin, "/api/statistics/titles?fromYear=2024&toYear=2024"))["issued"]!.GetValue<int>().Should().Be(1);
        (await Client(TestAccount.Regulator("44")).GetAsync("/api/statistics/titles?region=33")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Client(TestAccount.Reviewer(Roles.Stages.Formal, "33")).GetAsync("/api/statistics/titles")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var bad = await Client(TestAccount.Admin).GetAsync("/api/statistics/titles?region=3x");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"field\":\"region\"");

        static IEnumerable<string> Rows(JsonNode report) => report["rows"]!.AsArray().Select(r =>
            $"{r!["tier"]}/{r["regionCode"]}/{r["year"]}/{r["issued"]}/{r["valid"]}");
    }

    [Fact]
    public async Task The_same_numbers_come_as_csv()
    {
        await SeedTitlesAndScoresAsync();

        var bytes = await Client(TestAccount.Admin).GetByteArrayAsync("/api/statistics/titles?format=csv");

        var lines = AnnouncementTests.ReadCsv(bytes);
        lines[0].Should().Equal("称号层级", "称号", "地区代码", "地区", "年份", "认定数", "有效数");
        lines.Skip(1).Select(l => string.Join("/", l[0], l[2], l[4], l[5], l[6])).Should()
            .Equal("innovative/33/2023/4/3", "little-giant/33/2024/1/1", "specialized/33/2025/3/3", "specialized/44/2025/2/2");
        (await Client(TestAccount.Admin).GetAsync("/api/statistics/scores?format=xml")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Titles_expiring_in_the_next_months_leave_out_revoked_ones()
    {
        await SeedTitlesAndScoresAsync();

        var expiring = await Get(TestAccount.Admin, "/api/statistics/expiring?months=6");

        expiring["from"]!.GetValue<string>().Should().Be("2026-03-02");
        expiring["to"]!.GetValue<string>().Should().Be("2026-09-02");
        expiring["total"]!.GetValue<int>().Should().Be(3);
        var row = expiring["rows"]!.AsArray().Single()!;
        ((string?)row["month"]).Should().Be("2026-06");
        ((string?)row["tier"]).Should().Be("innovative");
        (await Get(TestAccount.Admin, "/api/statistics/expiring?months=3"))["total"]!.GetValue<int>().Should().Be(0);
        (await Get(TestAccount.Regulator("44"), "/api/statistics/expiring?months=36"))["total"]!.GetValue<int>().Should().Be(2);
        (await Client(TestAccount.Admin).GetAsync("/api/statistics/expiring?months=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Expert_scores_fall_into_ten_point_buckets_per_tier()
    {
        await SeedTitlesAndScoresAsync();

        var scores = await Get(TestAccount.Admin, "/api/statistics/scores");

        var tiers = scores["tiers"]!.AsArray();
        tiers.Select(t => (string?)t!["tier"]).Should().Equal("little-giant", "specialized");
        Buckets(tiers[1]!).Should().Equal(0, 0, 0, 0, 0, 0, 0, 2, 1, 1);
        Buckets(tiers[0]!).Should().Equal(0, 0, 0, 0, 0, 0, 1, 0, 0, 0);
        tiers[1]!["scored"]!.GetValue<int>().Should().Be(4);
        (await Get(TestAccount.Regulator("44"), "/api/statistics/scores"))["tiers"]!.AsArray().Should().BeEmpty();
        (await Get(TestAccount.Admin, "/api/statistics/scores?year=2024"))["tiers"]!.AsArray().Should().BeEmpty();

        static IEnumerable<int> Buckets(JsonNode tier) => tier["buckets"]!.AsArray().Select(b => b!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_funnel_counts_each_stage_reached_passed_and_pending_with_pass_rates()
    {
        // Three innovative applications through the real workflow: one certified, one rejected at preliminary review,
        // one waiting for formal review.
        var certified = await _s.SubmitAsync(0, regionCode: "330106");
        var rejected = await _s.SubmitAsync(0, regionCode: "330106");
        var waiting = await _s.SubmitAsync(0, regionCode: "330212");
        await _s.CompleteAsync(certified.ApplicationId, "Certification.PreliminaryReview", "Recommended");
        await _s.CompleteAsync(certified.ApplicationId, "Certification.FormalReview", "Passed");
        await _s.CompleteAsync(rejected.ApplicationId, "Certification.PreliminaryReview", "Rejected", "研发投入不达标");
        await _s.CompleteAsync(waiting.ApplicationId, "Certification.PreliminaryReview", "Recommended");
        await _s.AdvanceToAsync(ReviewApiFactory.Start.AddDays(30));
        (await _s.ApplicationAsync(certified.ApplicationId)).Status.Should().Be(ApplicationStatus.Certified);

        var report = await Get(TestAccount.Admin, "/api/statistics/funnel?tier=innovative");

        var tier = report["tiers"]!.AsArray().Single()!;
        Stages(tier).Should().Equal(
            "applied 3/3/0/1", "preliminary 3/2/0/0.6667", "formal 2/1/1/1", "experts 0/0/0/", "publicity 1/1/0/1", "certified 1/1/0/1");
        report["batches"]!.AsArray().Should().HaveCount(3, "each scenario application has its own batch");
        var single = await Get(TestAccount.Admin, $"/api/statistics/funnel?batch={rejected.BatchId}");
        Stages(single["batches"]!.AsArray().Single()!).Should().StartWith("applied 1/1/0/1", "preliminary 1/0/0/0");
        var hangzhou = await Get(TestAccount.Regulator("3301"), "/api/statistics/funnel");
        Stages(hangzhou["tiers"]!.AsArray().Single()!).First().Should().Be("applied 2/2/0/1", "the Hangzhou regulator does not see Ningbo (330212)");
        var csv = AnnouncementTests.ReadCsv(await Client(TestAccount.Admin).GetByteArrayAsync("/api/statistics/funnel?format=csv"));
        csv.Should().HaveCount(1 + 3 * 6);

        static IEnumerable<string> Stages(JsonNode funnel) => funnel["stages"]!.AsArray().Select(s =>
            $"{s!["stage"]} {s["reached"]}/{s["passed"]}/{s["pending"]}/{s["passRate"]?.ToJsonString()}");
    }

    public void Dispose() => _s.Dispose();
}
