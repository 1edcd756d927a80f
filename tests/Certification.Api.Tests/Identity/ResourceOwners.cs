using System.Text.Json.Nodes;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Enterprises;
using Certification.Workflows.Access;
using Certification.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Identity;

/// <summary>
/// For the lifecycle tests, which walk one application through every hand: each request is sent as the account
/// whose business it is — enterprise calls as that enterprise's account, a review task as a reviewer of the task's
/// stage, a seat as the seat's expert, objections as a formal-stage reviewer, administration as the administrator,
/// public endpoints anonymously. A test that names an actor gets an account of that name in the same role. What
/// each role may and may not do is specified by AuthorizationMatrixTests and the scope tests, not here.
/// </summary>
public sealed class ResourceOwners(WebApplicationFactory<Program> factory)
{
    private readonly SemaphoreSlim _strangerGate = new(1, 1);
    private TestAccount? _stranger;

    public async Task<TestAccount?> OfAsync(HttpRequestMessage request, string? actor = null)
    {
        var uri = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(new Uri("http://localhost"), request.RequestUri);
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length < 2 || segments[0] != "api" || segments[1] == "public") return null;
        var post = request.Method == HttpMethod.Post;
        var id = segments.ElementAtOrDefault(2);
        var action = segments.ElementAtOrDefault(3);
        switch (segments[1])
        {
            case "enterprises" when id is not null:
                return await EnterpriseAsync(await Exists(db => db.Enterprises.AnyAsync(e => e.Id == id)) ? id : null, actor);
            case "applications" when id is not null:
                return await EnterpriseAsync(await Db(db => db.Applications.Where(a => a.Id == id).Select(a => a.EnterpriseId).FirstOrDefaultAsync()), actor);
            case "applications" when post:
                var named = await EnterpriseIdInBodyAsync(request);
                return await EnterpriseAsync(named is not null && await Exists(db => db.Enterprises.AnyAsync(e => e.Id == named)) ? named : null, actor);
            case "tasks" when action == "complete":
                var type = await Db(db => db.HumanTasks.Where(t => t.Id == id).Select(t => t.ActivityType).FirstOrDefaultAsync());
                var stage = Visibility.FormalActivities.Contains(type) ? Roles.Stages.Formal : Roles.Stages.Preliminary;
                return TestAccount.Reviewer(stage, userName: actor);
            case "batches" when action == "recommendations":
                return TestAccount.Reviewer(Roles.Stages.Preliminary, userName: actor);
            case "objections" when action == "resolve":
                return TestAccount.Reviewer(Roles.Stages.Formal, userName: actor);
            case "re-evaluations" when action == "submit":
                return await EnterpriseAsync(await Db(db => db.ReEvaluations.Where(r => r.Id == id).Select(r => r.EnterpriseId).FirstOrDefaultAsync()), actor);
            case "re-evaluations" or "change-reports" or "titles" when action is "confirm" or "decide" or "revoke":
                return TestAccount.Reviewer(Roles.Stages.Formal, userName: actor);
            case "expert-assignments" when id is not null:
                return await ExpertAsync(await Db(db => db.ExpertAssignments.Where(s => s.Id == id).Select(s => s.ExpertId).FirstOrDefaultAsync()), actor);
            case "experts" when action == "assignments":
                return await ExpertAsync(id, actor);
        }
        // Everything else is administration or an administrator's overview; a named expert acts as that expert.
        if (actor is not null && await Db(db => db.Experts.Where(e => e.UserName == actor).Select(e => e.Id).FirstOrDefaultAsync()) is { } expertId)
            return TestAccount.Expert(expertId, actor);
        return actor is null ? TestAccount.Admin : TestAccount.Admin with { UserName = actor };
    }

    /// <summary>The body's <c>enterpriseId</c>; an id with control characters (the sweep's) names no enterprise and is never looked up (PostgreSQL refuses NUL).</summary>
    private static async Task<string?> EnterpriseIdInBodyAsync(HttpRequestMessage request)
    {
        if (request.Content is null) return null;
        try
        {
            return JsonNode.Parse(await request.Content.ReadAsStringAsync()) is JsonObject body && body["enterpriseId"] is JsonValue value
                   && value.TryGetValue<string>(out var id) && !id.Any(char.IsControl) ? id : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task<TestAccount> EnterpriseAsync(string? enterpriseId, string? actor) =>
        enterpriseId is null ? await StrangerAsync() : TestAccount.Enterprise(enterpriseId, actor);

    private async Task<TestAccount?> ExpertAsync(string? expertId, string? actor)
    {
        var expert = expertId is null ? null
            : await Db(db => db.Experts.Where(e => e.Id == expertId).Select(e => new { e.UserName }).FirstOrDefaultAsync());
        // Nobody owns what does not exist: the administrator asks (and is told 404).
        return expert is null ? TestAccount.Admin : TestAccount.Expert(expertId!, actor ?? expert.UserName);
    }

    /// <summary>An enterprise account of an enterprise with nothing of its own: asks about rows that do not exist.</summary>
    private async Task<TestAccount> StrangerAsync()
    {
        await _strangerGate.WaitAsync();
        try
        {
            if (_stranger is not null) return _stranger;
            var first17 = $"91110105MA{Random.Shared.Next(0, 9_999_999):D7}";
            var code = first17 + CreditCode.CheckCharacter(first17);
            var enterprise = Enterprise.Register(Guid.NewGuid().ToString("D"), code, "局外测试企业", "110105", null, null, null, DateTime.UtcNow);
            await Db(async db =>
            {
                db.Enterprises.Add(enterprise);
                await db.SaveChangesAsync();
                return true;
            });
            return _stranger = TestAccount.Enterprise(enterprise.Id, "stranger-enterprise");
        }
        finally
        {
            _strangerGate.Release();
        }
    }

    private Task<bool> Exists(Func<CertificationDbContext, Task<bool>> query) => Db(query);

    private async Task<T> Db<T>(Func<CertificationDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CertificationDbContext>());
    }
}
