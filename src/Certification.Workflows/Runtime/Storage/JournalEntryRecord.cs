namespace Certification.Workflows.Runtime.Storage;

/// <summary>One line of an instance's journal: what ran, with which outcome, by whom, when.</summary>
public sealed class JournalEntryRecord
{
    public long Id { get; set; }
    public required string InstanceId { get; set; }
    public int Sequence { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public string? ActivityName { get; set; }
    public string? Outcome { get; set; }
    public string? Actor { get; set; }
    public DateTime At { get; set; }
    public string? Message { get; set; }
}
