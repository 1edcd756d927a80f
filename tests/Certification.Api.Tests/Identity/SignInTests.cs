using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Certification.Api.Http;
using Certification.Api.Identity;
using Certification.Workflows.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Identity;

/// <summary>Sign-in with a password, bearer tokens, lockout, disabled accounts, rate limits, security headers.</summary>
public sealed class SignInTests : IDisposable
{
    private const string Password = "Zhejiang2026ab";
    private readonly ApiFactory _factory = new();

    private Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName, password });

    private static async Task<string> TokenOf(HttpResponseMessage response)
    {
        var body = await Lifecycle.IntakeApi.ExpectAsync(response, HttpStatusCode.OK);
        return body["accessToken"]!.GetValue<string>();
    }

    private static HttpRequestMessage Me(string token) =>
        new(HttpMethod.Get, "/api/auth/me") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    [Fact]
    public async Task A_user_signs_in_with_name_and_password_and_calls_the_api_with_the_bearer_token()
    {
        await _factory.CreateWithPasswordAsync(TestAccount.Reviewer(Roles.Stages.Formal, "33", "zj-reviewer"), Password);
        var client = _factory.CreateClient();

        var response = await LoginAsync(client, "zj-reviewer", Password);
        var body = await Lifecycle.IntakeApi.ExpectAsync(response, HttpStatusCode.OK);
        body["expiresAt"]!.GetValue<DateTimeOffset>().Should().BeAfter(DateTimeOffset.UtcNow.AddHours(1));

        var me = await Lifecycle.IntakeApi.ExpectAsync(await client.SendAsync(Me(body["accessToken"]!.GetValue<string>())), HttpStatusCode.OK);
        ((string?)me["userName"]).Should().Be("zj-reviewer");
        ((string?)me["role"]).Should().Be("reviewer");
        ((string?)me["regionPrefix"]).Should().Be("33");
        ((string?)me["reviewStage"]).Should().Be("formal");
    }

    [Fact]
    public async Task Without_credentials_or_with_a_forged_token_the_api_answers_401_problem_json_never_a_redirect()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var anonymous = await client.GetAsync("/api/applications");
        await Lifecycle.IntakeApi.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        anonymous.Headers.Location.Should().BeNull();

        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/applications") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "forged") } };
        await Lifecycle.IntakeApi.ProblemAsync(await client.SendAsync(forged), HttpStatusCode.Unauthorized);

        var wrongRole = _factory.CreateClientAs(TestAccount.Regulator("33", "reader"));
        await Lifecycle.IntakeApi.ProblemAsync(await wrongRole.PostAsJsonAsync("/api/batches", new { }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_five_failures_lock_the_account_even_against_the_right_password()
    {
        await _factory.CreateWithPasswordAsync(TestAccount.Admin with { UserName = "ops" }, Password);
        var client = _factory.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            var refused = await Lifecycle.IntakeApi.ProblemAsync(await LoginAsync(client, "ops", "Wrong-password-1"), HttpStatusCode.Unauthorized);
            ((string?)refused["detail"]).Should().Contain(i < 4 ? "用户名或密码错误" : "锁定");
        }
        var locked = await Lifecycle.IntakeApi.ProblemAsync(await LoginAsync(client, "ops", Password), HttpStatusCode.Unauthorized);
        ((string?)locked["detail"]).Should().Contain("锁定");
        (await _factory.WithUsersAsync((users, _) => users.FindByNameAsync("ops")))!.LockoutEnd.Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(10));

        (await LoginAsync(client, "nobody", Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an unknown name reads like a wrong password");
    }

    [Fact]
    public async Task Disabling_an_account_refuses_its_sign_in_and_ends_the_tokens_it_already_holds()
    {
        await _factory.CreateWithPasswordAsync(TestAccount.Regulator("", "ministry"), Password);
        var client = _factory.CreateClient();
        var token = await TokenOf(await LoginAsync(client, "ministry", Password));
        (await client.SendAsync(Me(token))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _factory.WithUsersAsync((_, accounts) => accounts.DisableAsync("ministry"))).Should().BeTrue();

        (await client.SendAsync(Me(token))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token was issued before the account was disabled");
        var refused = await Lifecycle.IntakeApi.ProblemAsync(await LoginAsync(client, "ministry", Password), HttpStatusCode.Unauthorized);
        ((string?)refused["detail"]).Should().Contain("停用");
    }

    [Fact]
    public async Task Sign_in_is_limited_per_client_address_and_per_user_name_with_429_and_retry_after()
    {
        using var strict = _factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:LoginPerAddress", "3").UseSetting("RateLimits:LoginPerUser", "100"));
        var client = strict.CreateClient();
        for (var i = 0; i < 3; i++) (await LoginAsync(client, $"user{i}", Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var limited = await LoginAsync(client, "user9", Password);
        await Lifecycle.IntakeApi.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);

        using var perUser = _factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:LoginPerAddress", "100").UseSetting("RateLimits:LoginPerUser", "2"));
        var other = perUser.CreateClient();
        for (var i = 0; i < 2; i++) (await LoginAsync(other, "target", Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await LoginAsync(other, "target", Password)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await LoginAsync(other, "someone-else", Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the limit is per user name");
    }

    [Fact]
    public async Task Objections_are_limited_per_client_address()
    {
        using var strict = _factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:ObjectionsPerAddress", "2"));
        var client = strict.CreateClient();
        var body = new { applicationId = "none", contactName = "公众", contactPhone = "13900000000", content = "异议" };
        for (var i = 0; i < 2; i++) (await client.PostAsJsonAsync("/api/public/objections", body)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var limited = await client.PostAsJsonAsync("/api/public/objections", body);
        await Lifecycle.IntakeApi.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/applications")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("strict-origin-when-cross-origin");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("Permissions-Policy").Single().Should().Contain("camera=()");
    }

    [Fact]
    public async Task The_openapi_document_shows_each_operations_policy_and_security_requirement()
    {
        var document = JsonNode.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var submit = document["paths"]!["/api/applications/{id}/submit"]!["post"]!;
        ((string?)submit["x-policy"]).Should().Be(Policies.Enterprise);
        ((string?)submit["description"]).Should().Contain("权限：");
        submit["security"]!.AsArray().Should().NotBeEmpty();
        var publicity = document["paths"]!["/api/public/publicity"]!["get"]!;
        ((string?)publicity["x-policy"]).Should().Be(Policies.Public);
        publicity["security"].Should().BeNull();
        document["components"]!["securitySchemes"]!["bearer"].Should().NotBeNull();
    }

    [Fact]
    public void A_host_with_an_endpoint_that_declares_no_policy_does_not_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();
        app.MapGet("/declared", () => "ok").RequirePolicy(Policies.Admin);
        app.MapGet("/public", () => "ok").AllowPublic();
        Policies.EnsureEveryEndpointDeclares(app);
        app.MapGet("/forgotten", () => "oops");

        var act = () => Policies.EnsureEveryEndpointDeclares(app);
        act.Should().Throw<InvalidOperationException>().WithMessage("*forgotten*");
    }

    public void Dispose() => _factory.Dispose();
}
