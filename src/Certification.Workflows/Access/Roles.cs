namespace Certification.Workflows.Access;

/// <summary>The five kinds of signed-in user. Anonymous visitors have no role and reach only the public endpoints.</summary>
public static class Roles
{
    public const string Enterprise = "enterprise";
    public const string Reviewer = "reviewer";
    public const string Expert = "expert";
    public const string Admin = "admin";
    public const string Regulator = "regulator";

    public static readonly IReadOnlyList<string> All = [Enterprise, Reviewer, Expert, Admin, Regulator];

    /// <summary>Reviewers work one stage of review; the stage is part of their account.</summary>
    public static class Stages
    {
        public const string Preliminary = "preliminary";
        public const string Formal = "formal";
        public static readonly IReadOnlyList<string> All = [Preliminary, Formal];
    }
}
