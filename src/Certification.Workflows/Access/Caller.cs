namespace Certification.Workflows.Access;

/// <summary>
/// Who is sending a command or query, as the features see it. The HTTP host builds it from the signed-in user;
/// the CLI, timers, benchmarks and seeding run as <see cref="System"/>, which may do everything.
/// </summary>
/// <param name="RegionPrefix">Administrative-division prefix the account is scoped to ("33" Zhejiang, "3301" Hangzhou);
/// empty means national (the ministry).</param>
/// <param name="EnterpriseId">The one enterprise an <c>enterprise</c> account acts for.</param>
/// <param name="ExpertId">The expert record an <c>expert</c> account is.</param>
/// <param name="ReviewStage">preliminary or formal, for reviewers.</param>
public sealed record Caller(
    string UserName,
    string Role,
    string RegionPrefix = "",
    string? EnterpriseId = null,
    string? ExpertId = null,
    string? ReviewStage = null)
{
    public const string SystemRole = "system";
    public const string AnonymousRole = "anonymous";

    public static Caller System { get; } = new("system", SystemRole);

    /// <summary>A visitor who has not signed in: reaches only the public features (publicity list, objections).</summary>
    public static Caller Anonymous { get; } = new("anonymous", AnonymousRole);

    public bool IsSystem => Role == SystemRole;
    public bool IsAnonymous => Role == AnonymousRole;
    public bool Is(string role) => Role == role;

    /// <summary>True when a row located in <paramref name="regionCode"/> lies inside this caller's scope.</summary>
    public bool CoversRegion(string? regionCode) =>
        IsSystem || RegionPrefix.Length == 0 || (regionCode is not null && regionCode.StartsWith(RegionPrefix, StringComparison.Ordinal));
}

/// <summary>The current request's caller and client address (scoped; one per request or CLI run).</summary>
public sealed class CallerContext
{
    public Caller Current { get; set; } = Caller.System;

    /// <summary>The client's IP address for the audit log; null outside HTTP.</summary>
    public string? ClientAddress { get; set; }
}
