namespace Certification.Workflows.Runtime.Storage;

/// <summary>An inbox item created by a human-task activity. Kept after completion as history.</summary>
public sealed class HumanTaskRecord
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public required string Title { get; set; }
    public required string Role { get; set; }
    public string? Region { get; set; }
    public string? Assignee { get; set; }
    public string? FormKey { get; set; }
    public string? CorrelationId { get; set; }
    public DateTime? DueAt { get; set; }
    public required string Status { get; set; }
    public string? Outcome { get; set; }
    public string? CompletedBy { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class HumanTaskStatus
{
    public const string Open = "Open";
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";
}
