using System.Security.Claims;
using Certification.Workflows.Access;
using Certification.Workflows.Persistence;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Certification.Api.Identity;

/// <summary>
/// Identity for the host: accounts in <see cref="IdentityStore"/>; the web UI signs in with Identity's application
/// cookie (<see cref="CookieScheme"/>, login path <c>/login</c>, access denied <c>/denied</c>), API clients with a
/// bearer token from <c>POST /api/auth/login</c> (<see cref="BearerScheme"/>). The <see cref="Scheme"/> policy scheme
/// picks the bearer handler when an <c>Authorization: Bearer</c> header is present, the cookie otherwise. API
/// requests never redirect: without credentials they get 401, without permission 403 (problem+json).
/// </summary>
public static class IdentitySetup
{
    public const string Scheme = "Certification";
    public const string BearerScheme = BearerTokenDefaults.AuthenticationScheme;
    public static readonly string CookieScheme = IdentityConstants.ApplicationScheme;
    public const string LoginPath = "/login";
    public const string DeniedPath = "/denied";

    /// <summary>The account rules shared by host and CLI: password policy and lockout after 5 failures.</summary>
    public static void ConfigureAccounts(IdentityOptions o)
    {
        o.Password.RequiredLength = 10;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = true;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 5;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = false;
        o.SignIn.RequireConfirmedAccount = false;
    }

    // The options depend on the (singleton) settings only: built once, not at every request.
    private static void AddIdentityStore(this IServiceCollection services) =>
        services.AddDbContext<IdentityStore>((sp, o) => IdentityStore.Configure(sp.GetRequiredService<DatabaseSettings>(), o),
            ServiceLifetime.Scoped, ServiceLifetime.Singleton);

    /// <summary>The account store alone (users, roles, passwords), for the operators' CLI.</summary>
    public static IServiceCollection AddAccountStore(this IServiceCollection services)
    {
        services.AddIdentityStore();
        services.AddIdentityCore<CertificationUser>(ConfigureAccounts)
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddEntityFrameworkStores<IdentityStore>();
        services.AddScoped<UserAccounts>();
        return services;
    }

    /// <summary>Accounts, cookie and bearer sign-in, policies, for the HTTP host.</summary>
    public static IServiceCollection AddCertificationIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityStore();
        services.AddIdentity<CertificationUser, IdentityRole>(ConfigureAccounts)
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddEntityFrameworkStores<IdentityStore>()
            .AddSignInManager<CertificationSignInManager>()
            .AddDefaultTokenProviders();
        services.AddScoped<UserAccounts>();
        services.AddScoped<AccessTokens>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = DeniedPath;
            o.LogoutPath = "/logout";
            o.Cookie.Name = "certification.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddBearerToken(BearerScheme, o =>
                o.BearerTokenExpiration = TimeSpan.FromHours(Math.Clamp(configuration.GetValue("Identity:TokenHours", 8.0), 0.05, 24 * 7)))
            .AddPolicyScheme(Scheme, "Cookie (web UI) or bearer token (API)", o =>
                o.ForwardDefaultSelector = http =>
                    http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieScheme);

        services.AddAuthorization(Policies.Register);
        return services;
    }

    /// <summary>Pages are sent to the login (or access-denied) page; API calls get the status code itself.</summary>
    private static Task Answer(HttpContext http, string redirectUri, int status)
    {
        if (http.Request.Path.StartsWithSegments("/api")) http.Response.StatusCode = status;
        else http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// After authentication, on every request: the account must still exist, be enabled and carry the security stamp
    /// the cookie or token was issued with (disabling an account changes it), or the request continues anonymously.
    /// Then the features' <see cref="CallerContext"/> is set from the account as it is now.
    /// </summary>
    public static IApplicationBuilder UseCallerContext(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var callers = http.RequestServices.GetRequiredService<CallerContext>();
        callers.ClientAddress = http.Connection.RemoteIpAddress?.ToString();
        callers.Current = Caller.Anonymous;
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var users = http.RequestServices.GetRequiredService<UserManager<CertificationUser>>();
            var stampClaim = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
            var user = await users.GetUserAsync(http.User);
            if (user is null || user.Disabled || http.User.FindFirstValue(stampClaim) != user.SecurityStamp)
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            else
                callers.Current = CallerOf(user, http.User.FindFirstValue(ClaimTypes.Role) ?? "");
        }
        await next(http);
    });

    public static Caller CallerOf(CertificationUser user, string role) =>
        new(user.UserName ?? user.Id, role, user.RegionPrefix, user.EnterpriseId, user.ExpertId, user.ReviewStage);

    /// <summary>
    /// The caller of a Razor page or endpoint: the scoped <see cref="CallerContext"/> that <see cref="UseCallerContext"/>
    /// filled for this request (anonymous when nobody is signed in).
    /// </summary>
    public static Caller CurrentCaller(this HttpContext http) => http.RequestServices.GetRequiredService<CallerContext>().Current;
}
