using Certification.Workflows.Runtime.Storage;

namespace Certification.Workflows.Features.Workflows;

/// <summary>What administrators see of one stored definition version.</summary>
public sealed record DefinitionSummary(
    string DefinitionId, int Version, string Name, bool IsPublished, bool IsLatest,
    DateTime CreatedAt, DateTime? PublishedAt, DateTime? RetractedAt)
{
    public static DefinitionSummary From(WorkflowDefinitionRecord r) =>
        new(r.DefinitionId, r.Version, r.Name, r.IsPublished, r.IsLatest, r.CreatedAt, r.PublishedAt, r.RetractedAt);
}
