namespace Certification.Workflows.Runtime.Storage;

/// <summary>An active wait of an instance: a human task, an event or a timer. Deleted when consumed.</summary>
public sealed class BookmarkRecord
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string Kind { get; set; }
    public string? EventName { get; set; }
    public DateTime? DueAt { get; set; }
    /// <summary>Timer sweeps claim a due timer for a short lease so that two hosts do not both work on it.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime CreatedAt { get; set; }
}
