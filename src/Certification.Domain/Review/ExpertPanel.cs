namespace Certification.Domain.Review;

/// <summary>A drawn panel, with the request it was drawn for and every decline since.</summary>
public sealed record ExpertPanel(
    PanelDrawRequest Request,
    IReadOnlyList<PanelMember> Members,
    IReadOnlyList<PanelDecline> Declines)
{
    public IEnumerable<string> ExpertIds => Members.Select(m => m.Expert.Id);

    /// <summary>Required fields no member covers: the pool had no eligible expert for them, or too few seats.</summary>
    public IReadOnlyList<string> UncoveredFields =>
        ExpertPanelDrawer.NormalizeFields(Request.RequiredFields)
            .Where(f => !Members.Any(m => m.Expert.HasField(f)))
            .ToArray();
}

/// <param name="MatchesRequiredField">False when the expert was drawn only to fill a seat.</param>
public sealed record PanelMember(Expert Expert, bool MatchesRequiredField);

public sealed record PanelDecline(string ExpertId, string Reason, string SubstituteId);
