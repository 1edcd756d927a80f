using Certification.Api.Http;
using Certification.Api.Identity;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Identity;

namespace Certification.Api.Endpoints;

/// <summary>Sign-in for API clients (the web UI signs in with the application cookie on its own pages).</summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest(string? UserName, string? Password);

    public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt);

    public sealed record CurrentUser(string UserName, string Role, string RegionPrefix, string? EnterpriseId, string? ExpertId, string? ReviewStage);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("登录");

        group.MapPost("/login", LoginAsync)
            .AllowPublic()
            .RequireRateLimiting(RateLimits.Login)
            .WithName("Login")
            .WithSummary("用户名和密码换取访问令牌（Authorization: Bearer）；连续 5 次失败锁定 15 分钟")
            .Produces<LoginResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/me", (CallerContext callers) =>
            {
                var c = callers.Current;
                return new CurrentUser(c.UserName, c.Role, c.RegionPrefix, c.EnterpriseId, c.ExpertId, c.ReviewStage);
            })
            .RequirePolicy(Policies.SignedIn)
            .WithName("GetCurrentUser")
            .WithSummary("当前登录用户：角色与范围（地区、企业、专家、审核环节）")
            .Produces<CurrentUser>();
    }

    private static async Task<IResult> LoginAsync(LoginRequest body, HttpContext http, UserManager<CertificationUser> users,
        SignInManager<CertificationUser> signIn, AccessTokens tokens, RateLimits.LoginThrottle throttle)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body.UserName)) errors.Add(new FieldError("userName", "请输入用户名"));
        if (string.IsNullOrEmpty(body.Password)) errors.Add(new FieldError("password", "请输入密码"));
        if (errors.Count > 0) throw new RequestValidationException(errors);
        if (throttle.Refuse(body.UserName!) is { } wait)
        {
            await RateLimits.WriteTooManyAsync(http, wait);
            return Results.Empty;
        }

        var user = await users.FindByNameAsync(body.UserName!.Trim());
        if (user is null) return Refused("用户名或密码错误。");
        var result = await signIn.CheckPasswordSignInAsync(user, body.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut) return Refused("连续登录失败次数过多，账号已暂时锁定，请稍后再试。");
        if (result.IsNotAllowed) return Refused("账号已停用。");
        if (!result.Succeeded) return Refused("用户名或密码错误。");
        var issued = await tokens.IssueAsync(user);
        return Results.Ok(new LoginResponse(issued.AccessToken, issued.ExpiresAt));
    }

    private static IResult Refused(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "登录失败", detail: detail);
}
