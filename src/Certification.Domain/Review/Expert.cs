namespace Certification.Domain.Review;

/// <summary>An expert in the review pool (专家库).</summary>
public sealed class Expert
{
    public Expert(
        string id,
        string name,
        IEnumerable<string> fields,
        string regionCode,
        bool isActive = true,
        IEnumerable<string>? relatedCreditCodes = null,
        string? employerCreditCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(fields);
        if (!RegionCodes.IsValid(regionCode))
        {
            throw new ArgumentException($"Expert {id}: region code '{regionCode}' is not an administrative division code.", nameof(regionCode));
        }

        Id = id;
        Name = name;
        Fields = Normalize(fields);
        RegionCode = regionCode;
        IsActive = isActive;
        RelatedCreditCodes = Normalize(relatedCreditCodes ?? []);
        EmployerCreditCode = string.IsNullOrWhiteSpace(employerCreditCode) ? null : employerCreditCode.Trim();
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>Fields of expertise (专业领域), compared ignoring case and surrounding blanks.</summary>
    public IReadOnlyList<string> Fields { get; }

    public string RegionCode { get; }

    /// <summary>An inactive expert (retired, suspended, on leave) is never drawn.</summary>
    public bool IsActive { get; }

    /// <summary>Credit codes of enterprises the expert declared a conflict of interest with (回避关系).</summary>
    public IReadOnlyList<string> RelatedCreditCodes { get; }

    /// <summary>Credit code of the expert's employer, when known.</summary>
    public string? EmployerCreditCode { get; }

    public bool HasField(string field) => Fields.Contains(field.Trim(), StringComparer.OrdinalIgnoreCase);

    public bool WorksFor(string creditCode) =>
        EmployerCreditCode is not null && string.Equals(EmployerCreditCode, creditCode.Trim(), StringComparison.OrdinalIgnoreCase);

    public bool DeclaredRelationshipWith(string creditCode) =>
        RelatedCreditCodes.Contains(creditCode.Trim(), StringComparer.OrdinalIgnoreCase);

    public override string ToString() => $"{Id} {Name}";

    private static string[] Normalize(IEnumerable<string> values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
}
