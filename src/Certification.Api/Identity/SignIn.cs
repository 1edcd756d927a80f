using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Certification.Api.Identity;

/// <summary>Identity's sign-in rules plus ours: a disabled account may not sign in (cookie or token).</summary>
public sealed class CertificationSignInManager(
    UserManager<CertificationUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<CertificationUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<CertificationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<CertificationUser> confirmation)
    : SignInManager<CertificationUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(CertificationUser user) => !user.Disabled && await base.CanSignInAsync(user);
}

/// <summary>
/// Issues the bearer tokens of <c>POST /api/auth/login</c>: the framework's BearerToken format (data-protected
/// ticket), so the bearer handler reads them back; the ticket carries the security stamp, so a password change or a
/// disabled account ends the token at its next request.
/// </summary>
public sealed class AccessTokens(IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<CertificationUser> signIn)
{
    public sealed record Issued(string AccessToken, DateTimeOffset ExpiresAt);

    public async Task<Issued> IssueAsync(CertificationUser user)
    {
        ClaimsPrincipal principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearer.Get(IdentitySetup.BearerScheme);
        // The handler checks expiry with its own clock: issue with the same one.
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        var expires = now + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expires },
            IdentitySetup.BearerScheme);
        return new Issued(options.BearerTokenProtector.Protect(ticket), expires);
    }
}
