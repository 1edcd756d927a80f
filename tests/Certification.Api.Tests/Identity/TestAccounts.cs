using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Certification.Api.Identity;
using Certification.Workflows.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Identity;

/// <summary>An account a test acts as; created on first use (no password: tests get their token directly).</summary>
public sealed record TestAccount(string UserName, string Role, string RegionPrefix = "", string? EnterpriseId = null, string? ExpertId = null,
    string? Stage = null)
{
    public static TestAccount Admin { get; } = new("admin", Roles.Admin);

    public static TestAccount Enterprise(string enterpriseId, string? userName = null) =>
        new(userName ?? $"enterprise-{enterpriseId}", Roles.Enterprise, EnterpriseId: enterpriseId);

    public static TestAccount Reviewer(string stage, string region = "", string? userName = null) =>
        new(userName ?? $"reviewer-{stage}-{(region.Length == 0 ? "national" : region)}", Roles.Reviewer, region, Stage: stage);

    public static TestAccount Regulator(string region = "", string? userName = null) =>
        new(userName ?? $"regulator-{(region.Length == 0 ? "national" : region)}", Roles.Regulator, region);

    public static TestAccount Expert(string expertId, string? userName = null) => new(userName ?? $"expert-{expertId}", Roles.Expert, ExpertId: expertId);

    public NewAccount ToNewAccount(string? password = null) => new(UserName, password, Role, RegionPrefix, EnterpriseId, ExpertId, Stage);
}

/// <summary>Signed-in clients for tests: the account is made through the product's UserAccounts, the bearer token by its AccessTokens.</summary>
public static class SignedIn
{
    private sealed class Cache
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly ConcurrentDictionary<TestAccount, string> Tokens = new();
    }

    private static readonly ConditionalWeakTable<IServiceProvider, Cache> Caches = new();

    /// <summary>A bearer token of the account (made, or brought to this role and scope, on first use).</summary>
    public static async Task<string> TokenAsync(this WebApplicationFactory<Program> factory, TestAccount account)
    {
        var cache = Caches.GetValue(factory.Services, _ => new Cache());
        if (cache.Tokens.TryGetValue(account, out var token)) return token;
        await cache.Gate.WaitAsync();
        try
        {
            if (cache.Tokens.TryGetValue(account, out token)) return token;
            await using var scope = factory.Services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>().EnsureAsync(account.ToNewAccount());
            token = (await scope.ServiceProvider.GetRequiredService<AccessTokens>().IssueAsync(user)).AccessToken;
            // Another role under the same name: the older token carries the old role.
            foreach (var stale in cache.Tokens.Keys.Where(k => k.UserName == account.UserName)) cache.Tokens.TryRemove(stale, out _);
            cache.Tokens[account] = token;
            return token;
        }
        finally
        {
            cache.Gate.Release();
        }
    }

    /// <summary>Forgets the issued tokens (a test that moves the host's clock past their expiry gets fresh ones).</summary>
    public static void ForgetTokens(this WebApplicationFactory<Program> factory)
    {
        if (Caches.TryGetValue(factory.Services, out var cache)) cache.Tokens.Clear();
    }

    /// <summary>A client whose every request is signed in as <paramref name="account"/>.</summary>
    public static HttpClient CreateClientAs(this WebApplicationFactory<Program> factory, TestAccount account) =>
        factory.CreateDefaultClient(new ActAs(factory, _ => Task.FromResult<TestAccount?>(account)));

    /// <summary>A client that picks the account per request (null: anonymous).</summary>
    public static HttpClient CreateClientAs(this WebApplicationFactory<Program> factory, Func<HttpRequestMessage, Task<TestAccount?>> accountOf) =>
        factory.CreateDefaultClient(new ActAs(factory, accountOf));

    /// <summary>A user with a password, for sign-in tests.</summary>
    public static async Task CreateWithPasswordAsync(this WebApplicationFactory<Program> factory, TestAccount account, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(account.ToNewAccount(password));
    }

    public static async Task<T> WithUsersAsync<T>(this WebApplicationFactory<Program> factory, Func<UserManager<CertificationUser>, UserAccounts, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<CertificationUser>>(), scope.ServiceProvider.GetRequiredService<UserAccounts>());
    }

    private sealed class ActAs(WebApplicationFactory<Program> factory, Func<HttpRequestMessage, Task<TestAccount?>> accountOf) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is null && await accountOf(request) is { } account)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await factory.TokenAsync(account));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
