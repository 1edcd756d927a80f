namespace Certification.Domain.Dynamic;

/// <summary>A ground for revoking a title (撤销), from the 2022 rules' list.</summary>
public sealed record RevocationReason(string Code, string Label);

/// <summary>
/// The grounds on which an authority revokes a title (工信部企业〔2022〕63号, dynamic management): each revocation
/// names one, and each bars the enterprise from applying again for a number of years.
/// </summary>
public static class RevocationReasons
{
    public const string FalseInformation = "false-information";
    public const string MajorIncident = "major-incident";
    public const string SeriousViolation = "serious-violation";
    public const string Dishonest = "dishonest";
    public const string FailedReEvaluation = "failed-re-evaluation";

    public static readonly IReadOnlyList<RevocationReason> All =
    [
        new(FalseInformation, "提供虚假材料"),
        new(MajorIncident, "发生重大安全、质量、环境事故"),
        new(SeriousViolation, "严重违法违规"),
        new(Dishonest, "列入严重失信主体名单"),
        new(FailedReEvaluation, "复核未通过"),
    ];

    public static RevocationReason? Find(string? code) =>
        All.FirstOrDefault(r => string.Equals(r.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>"a、b、c" for messages that list the choices.</summary>
    public static string Choices => string.Join("、", All.Select(r => $"{r.Code}（{r.Label}）"));
}
