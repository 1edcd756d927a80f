using System.Net;
using System.Text.Json.Nodes;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using Certification.Domain.Criteria.Profiles;
using Microsoft.EntityFrameworkCore;
using static Certification.Api.Tests.Dynamic.DynamicScenario;

namespace Certification.Api.Tests.Dynamic;

/// <summary>
/// The register of criteria versions: drafts previewed against the current title holders before publication, the
/// published version in force for new batches and re-evaluations, finished evaluations untouched.
/// </summary>
public sealed class CriteriaVersionTests : IDisposable
{
    private readonly ReviewScenario _s = new();

    /// <summary>A national revision adding a general condition: at least 200 employees.</summary>
    private static object Revision(string version = "miit-2027", string? region = null) => new
    {
        version,
        extends = "miit-2022",
        title = "梯度培育管理办法（修订征求意见稿）",
        region,
        generalConditions = new object[]
        {
            new { code = "G6", name = "职工总数不少于200人", measure = "employees", op = ">=", value = 200 },
        },
    };

    private static Func<EnterpriseProfile, EnterpriseProfile> Employees(int n) => p => p with { Employees = n };

    [Fact]
    public async Task The_shipped_version_is_the_first_in_the_register_and_in_force()
    {
        var list = (await _s.OkAsync(AsAsync(_s, TestAccount.Regulator("33"), HttpMethod.Get, "/api/criteria-versions"))).AsArray();
        var shipped = list.Should().ContainSingle().Subject!;
        ((string)shipped["version"]!).Should().Be("miit-2022");
        ((string)shipped["status"]!).Should().Be("Published");
        shipped["builtIn"]!.GetValue<bool>().Should().BeTrue();
        shipped["inForce"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_draft_preview_counts_the_holders_who_would_fail_per_tier_within_the_callers_region()
    {
        await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 1, 1), tweak: Employees(180), name: "甲精密机械有限公司");
        await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 1, 1), tweak: Employees(250), name: "乙智能装备有限公司");
        await HolderAsync(_s, SpecializedCase, "specialized", new DateOnly(2025, 1, 1), tweak: Employees(150), name: "丙新材料有限公司");
        await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 1, 1), regionCode: "440305", tweak: Employees(100), name: "丁电子有限公司");
        await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2020, 1, 1), tweak: Employees(10), name: "戊称号已过期有限公司");

        var draft = await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/criteria-versions", Revision()), HttpStatusCode.Created);
        ((string)draft["status"]!).Should().Be("Draft");
        ((string)draft["extends"]!).Should().Be("miit-2022");

        var national = await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Get, "/api/criteria-versions/miit-2027/preview"));
        national["holders"]!.GetValue<int>().Should().Be(4, "the expired title is no longer held");
        national["failing"]!.GetValue<int>().Should().Be(3);
        Tier(national, "innovative").Should().Be((3, 2, 0));
        Tier(national, "specialized").Should().Be((1, 1, 0));
        var sample = national["sample"]!.AsArray();
        sample.Select(h => (string)h!["enterpriseName"]!).Should().BeEquivalentTo(["甲精密机械有限公司", "丙新材料有限公司", "丁电子有限公司"]);
        sample.Single(h => (string)h!["enterpriseName"]! == "丙新材料有限公司")!["outcome"]!.GetValue<string>().Should().Be("Lapsed");
        sample.SelectMany(h => h!["failed"]!.AsArray()).Select(f => (string)f!["code"]!).Should().OnlyContain(c => c == "G6");

        // A provincial regulator sees its province only; a draft changes nothing before it is published.
        var zhejiang = await _s.OkAsync(AsAsync(_s, TestAccount.Regulator("33"), HttpMethod.Get, "/api/criteria-versions/miit-2027/preview?sample=1"));
        zhejiang["holders"]!.GetValue<int>().Should().Be(3);
        zhejiang["failing"]!.GetValue<int>().Should().Be(2);
        zhejiang["sample"]!.AsArray().Should().HaveCount(1);
        (await AsAsync(_s, FormalReviewer(), HttpMethod.Get, "/api/criteria-versions/miit-2027/preview")).Status.Should().Be(HttpStatusCode.Forbidden);
        var batch = await CreateBatchAsync("33");
        ((string)batch["criteriaVersion"]!).Should().Be("miit-2022");
    }

    [Fact]
    public async Task Publishing_puts_the_version_in_force_for_new_batches_and_re_evaluations_and_leaves_finished_evaluations_alone()
    {
        // A finished certification under miit-2022.
        var app = await _s.SubmitAsync(InnovativeCase);
        await _s.CompleteAsync(app.ApplicationId, "Certification.PreliminaryReview", "Recommended");
        await _s.CompleteAsync(app.ApplicationId, "Certification.FormalReview", "Passed");
        await _s.AdvanceToAsync(Beijing(2026, 3, 7, 0));
        var before = await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Get, $"/api/applications/{app.ApplicationId}/versions/1"));
        var (holder, expiring) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2023, 5, 10), tweak: Employees(180));

        await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/criteria-versions", Revision()), HttpStatusCode.Created);
        (await AsAsync(_s, TestAccount.Regulator(), HttpMethod.Post, "/api/criteria-versions/miit-2027/publish")).Status.Should().Be(HttpStatusCode.Forbidden);
        var published = await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/criteria-versions/miit-2027/publish"));
        ((string)published["status"]!).Should().Be("Published");
        published["inForce"]!.GetValue<bool>().Should().BeTrue();
        (await AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/criteria-versions/miit-2027/publish")).Status.Should().Be(HttpStatusCode.Conflict);

        // The finished evaluation and the title keep their version.
        var after = await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Get, $"/api/applications/{app.ApplicationId}/versions/1"));
        after["evaluation"]!.ToJsonString().Should().Be(before["evaluation"]!.ToJsonString());
        ((string)after["evaluation"]!["criteriaVersion"]!).Should().Be("miit-2022");
        (await _s.Db(db => db.Titles.AsNoTracking().SingleAsync(t => t.ApplicationId == app.ApplicationId))).CriteriaVersion.Should().Be("miit-2022");

        // New batches and re-evaluations use the version in force.
        ((string)(await CreateBatchAsync("33"))["criteriaVersion"]!).Should().Be("miit-2027");
        (await OpenDueReEvaluationsAsync(_s)).Should().Be(1);
        var review = await ReEvaluationOfAsync(_s, expiring);
        var submitted = await _s.OkAsync(AsAsync(_s, EnterpriseAccount(holder.Id), HttpMethod.Post, $"/api/re-evaluations/{review["id"]}/submit"));
        ((string)submitted["criteriaVersion"]!).Should().Be("miit-2027");
        ((string)submitted["proposedOutcome"]!).Should().Be("Lapsed", "180 employees fall short of the revision's 200");
    }

    [Fact]
    public async Task A_provinces_overlay_is_in_force_in_that_province_only_and_bad_drafts_name_the_field()
    {
        var bad = await AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/criteria-versions", new { version = "zj-2027", extends = "no-such-base" });
        bad.Status.Should().Be(HttpStatusCode.BadRequest);
        bad.Body!["field"].Should().NotBeNull();
        var badRegion = await AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/criteria-versions", Revision("zj-2027", "3x"));
        ((string)badRegion.Body!["field"]!).Should().Be("region");
        (await AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/criteria-versions", Revision("miit-2022"))).Status.Should().Be(HttpStatusCode.Conflict);

        await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/criteria-versions", Revision("zj-2027", "33")), HttpStatusCode.Created);
        await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/criteria-versions/zj-2027/publish"));

        ((string)(await CreateBatchAsync("3301"))["criteriaVersion"]!).Should().Be("zj-2027");
        ((string)(await CreateBatchAsync("44"))["criteriaVersion"]!).Should().Be("miit-2022");
    }

    private static (int Holders, int Failing, int FailingInForce) Tier(JsonNode preview, string tier)
    {
        var row = preview["tiers"]!.AsArray().Single(t => (string)t!["tier"]! == tier)!;
        return (row["holders"]!.GetValue<int>(), row["failing"]!.GetValue<int>(), row["failingInForce"]!.GetValue<int>());
    }

    private async Task<JsonNode> CreateBatchAsync(string region) =>
        await _s.OkAsync(AsAsync(_s, TestAccount.Admin, HttpMethod.Post, "/api/batches",
            new { name = $"批次{region}", tier = "innovative", regionPrefix = region, opensOn = "2026-03-01", closesOn = "2026-04-30" }), HttpStatusCode.Created);

    public void Dispose() => _s.Dispose();
}
