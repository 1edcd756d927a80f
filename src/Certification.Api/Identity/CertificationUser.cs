using Microsoft.AspNetCore.Identity;

namespace Certification.Api.Identity;

/// <summary>
/// A user account. Its one role is an Identity role (enterprise, reviewer, expert, admin, regulator); the scope the
/// role acts in lives on the account, so that every request sees the scope as it is now.
/// </summary>
public sealed class CertificationUser : IdentityUser
{
    /// <summary>Administrative-division prefix of a reviewer or regulator ("33", "3301"); empty means national.</summary>
    public string RegionPrefix { get; set; } = "";

    /// <summary>The one enterprise an enterprise account acts for.</summary>
    public string? EnterpriseId { get; set; }

    /// <summary>The expert record an expert account is.</summary>
    public string? ExpertId { get; set; }

    /// <summary>preliminary or formal, for reviewers.</summary>
    public string? ReviewStage { get; set; }

    /// <summary>A disabled account cannot sign in, and its cookies and tokens stop working at the next request.</summary>
    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }
}
