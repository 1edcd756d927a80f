using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using static Certification.Api.Tests.Dynamic.DynamicScenario;

namespace Certification.Api.Tests.Dynamic;

/// <summary>Title holders' yearly data: a holder whose data no longer meets its title's tier goes on the officers' watch list.</summary>
public sealed class AnnualUpdateTests : IDisposable
{
    private readonly ReviewScenario _s = new();

    [Fact]
    public async Task A_holder_whose_yearly_data_no_longer_meets_its_tier_is_put_on_the_watch_list_before_expiry()
    {
        var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1), name: "甲精密机械有限公司");
        var profile = CaseProfile(InnovativeCase);

        var fine = await SubmitAsync(enterprise.Id, 2025, profile);
        fine["flagged"]!.GetValue<bool>().Should().BeFalse();
        ((string)fine["titles"]![0]!["outcome"]!).Should().Be("Renewed");
        (await WatchListAsync(FormalReviewer())).Should().BeEmpty();

        var worse = profile with { Compliance = profile.Compliance! with { SeriousDishonestyList = true } };
        var flagged = await SubmitAsync(enterprise.Id, 2025, worse);
        flagged["flagged"]!.GetValue<bool>().Should().BeTrue();
        ((string)flagged["notice"]!).Should().Contain("关注名单").And.Contain(title.CertificateNumber);
        ((string)flagged["criteriaVersion"]!).Should().Be("miit-2022");

        var watched = (await WatchListAsync(FormalReviewer())).Should().ContainSingle().Subject!;
        ((string)watched["enterpriseName"]!).Should().Be("甲精密机械有限公司");
        var atRisk = watched["titles"]!.AsArray().Should().ContainSingle().Subject!;
        ((string)atRisk["titleId"]!).Should().Be(title.Id);
        ((string)atRisk["validUntil"]!).Should().Be("2028-05-31");
        atRisk["failed"]!.AsArray().Select(f => (string)f!["code"]!).Should().Contain("G3");
        (await WatchListAsync(TestAccount.Regulator("33"))).Should().HaveCount(1);
        (await WatchListAsync(TestAccount.Regulator("44"))).Should().BeEmpty();
        (await AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Get, "/api/watch-list")).Status.Should().Be(HttpStatusCode.Forbidden);

        // The update is the working profile now; a later update meeting the tier again takes the holder off the list.
        var working = await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Get, $"/api/enterprises/{enterprise.Id}/profile"));
        working["compliance"]!["seriousDishonestyList"]!.GetValue<bool>().Should().BeTrue();
        await SubmitAsync(enterprise.Id, 2025, profile);
        (await WatchListAsync(FormalReviewer())).Should().BeEmpty();
        (await _s.OkAsync(AsAsync(_s, FormalReviewer(), HttpMethod.Get, $"/api/enterprises/{enterprise.Id}/annual-updates"))).AsArray().Should().HaveCount(3);
    }

    [Fact]
    public async Task Yearly_data_comes_from_title_holders_with_the_years_financials()
    {
        var (enterprise, _) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, 1));
        var missingYear = await AsAsync(_s, EnterpriseAccount(enterprise.Id), HttpMethod.Post, $"/api/enterprises/{enterprise.Id}/annual-updates",
            new { year = 2026, profile = Json(CaseProfile(InnovativeCase)) });
        missingYear.Status.Should().Be(HttpStatusCode.BadRequest);
        ((string)missingYear.Body!["field"]!).Should().Be("profile.financials");

        var (expired, _) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2020, 1, 1));
        (await AsAsync(_s, EnterpriseAccount(expired.Id), HttpMethod.Post, $"/api/enterprises/{expired.Id}/annual-updates",
            new { year = 2025, profile = Json(CaseProfile(InnovativeCase)) })).Status.Should().Be(HttpStatusCode.Conflict);
    }

    private async Task<JsonNode> SubmitAsync(string enterpriseId, int year, EnterpriseProfile profile) =>
        await _s.OkAsync(AsAsync(_s, EnterpriseAccount(enterpriseId), HttpMethod.Post, $"/api/enterprises/{enterpriseId}/annual-updates",
            new { year, profile = Json(profile) }), HttpStatusCode.Created);

    private async Task<JsonArray> WatchListAsync(TestAccount account) =>
        (await _s.OkAsync(AsAsync(_s, account, HttpMethod.Get, "/api/watch-list"))).AsArray();

    private static JsonNode Json(EnterpriseProfile profile) => JsonSerializer.SerializeToNode(profile, CriteriaJson.Options)!;

    public void Dispose() => _s.Dispose();
}
