namespace Certification.Domain.Criteria.Scoring;

/// <summary>Whether a condition holds, why, and whether missing data decided it.</summary>
internal sealed record NodeOutcome(bool Passed, string Reason, bool Missing = false);
