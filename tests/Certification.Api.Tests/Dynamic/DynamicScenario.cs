using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Enterprises;
using Certification.Domain.Titles;
using Certification.Workflows.Access;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Dynamic;

/// <summary>
/// Title holders for the dynamic-management tests: an enterprise registered with a worked case's profile and a title
/// put straight into the register (as a past certification would have left it); the background sweep's opening of
/// re-evaluations run by hand after the clock moves.
/// </summary>
public static class DynamicScenario
{
    public const int InnovativeCase = 0;   // meets innovative (score 80), not specialized
    public const int SpecializedCase = 8;  // meets specialized, not little giant

    private static readonly Lazy<JsonArray> Cases = new(() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(TestFiles.RepositoryRoot, "tests", "Certification.Domain.Tests", "Data", "criteria-cases.json")))!.AsArray());

    public static EnterpriseProfile CaseProfile(int index) =>
        Cases.Value[index]!["profile"].Deserialize<EnterpriseProfile>(CriteriaJson.Options)!;

    /// <summary>An enterprise with the case's profile (changed by <paramref name="tweak"/>) holding a title of <paramref name="tier"/> issued on <paramref name="issuedOn"/>.</summary>
    public static async Task<(Enterprise Enterprise, Title Title)> HolderAsync(ReviewScenario s, int caseIndex, string tier, DateOnly issuedOn,
        string regionCode = "330106", Func<EnterpriseProfile, EnterpriseProfile>? tweak = null, string? name = null)
    {
        var now = s.Clock.GetUtcNow().UtcDateTime;
        var profile = CaseProfile(caseIndex);
        if (tweak is not null) profile = tweak(profile);
        var enterprise = Enterprise.Register(Guid.NewGuid().ToString("N"), ReviewScenario.NewCreditCode(), name ?? profile.Name ?? "测试企业",
            regionCode, "联系人", "13800000000", null, now);
        enterprise.UpdateProfile(profile, now);
        await s.InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            db.Enterprises.Add(enterprise);
            await db.SaveChangesAsync();
        });
        return (enterprise, await AddTitleAsync(s, enterprise.Id, tier, issuedOn));
    }

    public static async Task<Title> AddTitleAsync(ReviewScenario s, string enterpriseId, string tier, DateOnly issuedOn)
    {
        var title = Title.Issue(Guid.NewGuid().ToString("N"), enterpriseId, null, tier, $"SEED-{Guid.NewGuid():N}"[..20], CriteriaCatalog.DefaultVersion,
            issuedOn, 3, s.Clock.GetUtcNow().UtcDateTime);
        await s.InScope(async sp =>
        {
            var db = sp.GetRequiredService<CertificationDbContext>();
            db.Titles.Add(title);
            await db.SaveChangesAsync();
        });
        return title;
    }

    /// <summary>What the host's background sweep does on its next round: open the re-evaluations that are due.</summary>
    public static Task<int> OpenDueReEvaluationsAsync(ReviewScenario s) =>
        s.Factory.Services.GetRequiredService<ReEvaluationOpener>().OpenDueAsync();

    /// <summary>Moves the clock, fires due timers and opens due re-evaluations, as the background services would.</summary>
    public static async Task<int> AdvanceToAsync(ReviewScenario s, DateTimeOffset instant)
    {
        await s.AdvanceToAsync(instant);
        return await OpenDueReEvaluationsAsync(s);
    }

    public static DateTimeOffset Beijing(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The re-evaluation of a title, as its enterprise sees it.</summary>
    public static async Task<JsonNode> ReEvaluationOfAsync(ReviewScenario s, Title title)
    {
        var list = (await s.OkAsync(AsAsync(s, EnterpriseAccount(title.EnterpriseId), HttpMethod.Get, "/api/re-evaluations"))).AsArray();
        return list.Single(r => (string)r!["titleId"]! == title.Id)!;
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> AsAsync(ReviewScenario s, TestAccount account, HttpMethod method, string path, object? body = null)
    {
        using var client = s.Factory.CreateClientAs(account);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static TestAccount FormalReviewer(string region = "33") => TestAccount.Reviewer(Roles.Stages.Formal, region);

    public static TestAccount EnterpriseAccount(string enterpriseId) => TestAccount.Enterprise(enterpriseId);
}
