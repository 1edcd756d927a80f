namespace Certification.Domain.Criteria.Definitions;

/// <summary>The text of one criteria file and where it came from (for error messages).</summary>
internal sealed record CriteriaSource(string Name, string Json);
