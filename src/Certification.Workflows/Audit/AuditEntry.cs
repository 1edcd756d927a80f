namespace Certification.Workflows.Audit;

/// <summary>
/// One committed state change: who (user, role, client address), when, what (the command and a compact description
/// of it), and the rows it changed with their values before and after. Entries are chained: <see cref="Hash"/> covers
/// every field and <see cref="PreviousHash"/>, so altering, deleting or reordering an entry breaks the chain
/// (<see cref="AuditVerifier"/>). Rows are only ever inserted (<see cref="AuditTrail"/>); there is no update path.
/// </summary>
public sealed record AuditEntry
{
    public long Sequence { get; init; }
    public DateTime At { get; init; }
    public string UserName { get; init; } = "";
    public string Role { get; init; } = "";
    public string? ClientAddress { get; init; }
    /// <summary>The MediatR request's type name (e.g. SubmitApplication), or the named operation outside MediatR (TimerFired).</summary>
    public string Operation { get; init; } = "";
    /// <summary>The request's scalar fields, compact JSON.</summary>
    public string Description { get; init; } = "";
    /// <summary>The changed rows as <c>Table/key</c>, space-separated, for filtering.</summary>
    public string Targets { get; init; } = "";
    /// <summary>JSON array: per changed row the table, key, kind (added/modified/deleted) and before/after values.</summary>
    public string Changes { get; init; } = "[]";
    public string PreviousHash { get; init; } = "";
    public string Hash { get; init; } = "";
}

/// <summary>
/// The single row every append reads and moves forward inside the committing transaction (locked on PostgreSQL), so
/// that concurrent commands queue on it and the chain never forks. It also lets verification notice entries removed
/// from the end of the chain.
/// </summary>
public sealed class AuditHead
{
    public const int SingletonId = 1;

    public int Id { get; init; }
    public long LastSequence { get; init; }
    public string LastHash { get; init; } = "";
}
