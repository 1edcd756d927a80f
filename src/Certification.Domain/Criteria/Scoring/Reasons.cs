namespace Certification.Domain.Criteria.Scoring;

internal static class Reasons
{
    public static string Join(IEnumerable<string> parts)
        => string.Join("；", parts.Where(p => p.Length > 0).Distinct());

    /// <summary>
    /// The symbol stating how the value actually relates to the threshold: the operator itself when the
    /// comparison holds, its negation when it does not ("5.00%（≥5%）", "2.00%（&lt;3%）").
    /// </summary>
    public static string Relation(string op, bool passed) => (op, passed) switch
    {
        (">=", true) or ("<", false) => "≥",
        (">=", false) or ("<", true) => "<",
        (">", true) or ("<=", false) => ">",
        (">", false) or ("<=", true) => "≤",
        ("==", true) or ("!=", false) => "=",
        _ => "≠",
    };
}
