namespace Certification.Workflows.Runtime.Storage;

/// <summary>One stored version of a workflow definition; the Elsa 3 JSON is kept verbatim.</summary>
public sealed class WorkflowDefinitionRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public bool IsPublished { get; set; }
    public bool IsLatest { get; set; }
    public required string Json { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? RetractedAt { get; set; }
}
