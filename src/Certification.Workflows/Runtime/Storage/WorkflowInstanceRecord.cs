namespace Certification.Workflows.Runtime.Storage;

/// <summary>
/// A running or finished instance. The engine state is one JSON document; the journal lives in its
/// own table and is never loaded to resume, so resuming costs the same however long the history.
/// </summary>
public sealed class WorkflowInstanceRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public required string Status { get; set; }
    public string? CorrelationId { get; set; }
    public required string StateJson { get; set; }
    public int JournalCount { get; set; }
    /// <summary>Optimistic concurrency: each committed step increments it; a racing step loses.</summary>
    public int Revision { get; set; }
    public string? FaultMessage { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
