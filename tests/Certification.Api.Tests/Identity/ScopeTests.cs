using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Certification.Api.Tests.Lifecycle;
using Certification.Workflows.Access;

namespace Certification.Api.Tests.Identity;

/// <summary>Lists are cut to the caller's scope: an enterprise sees its own, reviewers and regulators their region and stage.</summary>
public sealed class ScopeTests : IDisposable
{
    private readonly ReviewScenario _s = new();

    private async Task<List<string>> IdsAsync(TestAccount account, string path, string field = "id")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _s.Factory.TokenAsync(account));
        using var response = await _s.Anonymous.SendAsync(request);
        var body = await IntakeApi.ExpectAsync(response, System.Net.HttpStatusCode.OK);
        return body.AsArray().Select(x => (string)x![field]!).ToList();
    }

    [Fact]
    public async Task Each_caller_lists_only_what_lies_in_its_scope()
    {
        var zhejiang = await _s.SubmitAsync(0, regionCode: "330106");
        var guangdong = await _s.SubmitAsync(0, regionCode: "440106");
        await _s.CompleteAsync(guangdong.ApplicationId, "Certification.PreliminaryReview", "Recommended");

        (await IdsAsync(TestAccount.Enterprise(zhejiang.EnterpriseId), "/api/applications")).Should().Equal(zhejiang.ApplicationId);
        (await IdsAsync(TestAccount.Enterprise(zhejiang.EnterpriseId), "/api/enterprises")).Should().Equal(zhejiang.EnterpriseId);
        (await IdsAsync(TestAccount.Regulator("44"), "/api/applications")).Should().Equal(guangdong.ApplicationId);
        (await IdsAsync(TestAccount.Regulator(), "/api/applications")).Should().BeEquivalentTo([zhejiang.ApplicationId, guangdong.ApplicationId]);

        // Reviewers: the preliminary stage sees the open preliminary task of its region; the formal stage only what was passed on to it.
        (await IdsAsync(TestAccount.Reviewer(Roles.Stages.Preliminary, "33"), "/api/tasks", "applicationId")).Should().Equal(zhejiang.ApplicationId);
        (await IdsAsync(TestAccount.Reviewer(Roles.Stages.Formal, "33"), "/api/tasks", "applicationId")).Should().BeEmpty();
        (await IdsAsync(TestAccount.Reviewer(Roles.Stages.Formal, "44"), "/api/tasks", "applicationId")).Should().Equal(guangdong.ApplicationId);
        (await IdsAsync(TestAccount.Reviewer(Roles.Stages.Formal, "33"), "/api/applications")).Should().BeEmpty();
        (await IdsAsync(TestAccount.Reviewer(Roles.Stages.Formal, ""), "/api/applications")).Should().Equal(guangdong.ApplicationId);
    }

    public void Dispose() => _s.Dispose();
}
