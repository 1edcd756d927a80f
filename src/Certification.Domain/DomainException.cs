namespace Certification.Domain;

/// <summary>A rule of the domain refused the operation; the message (Chinese) tells the user why and what to do.</summary>
public class DomainRuleException(string message, string? field = null) : Exception(message)
{
    /// <summary>The request field the rule is about, when there is one (a JSON path such as <c>regionCode</c>).</summary>
    public string? Field { get; } = field;
}

/// <summary>The operation contradicts the current state of a record (e.g. submitting an already submitted application).</summary>
public sealed class DomainStateException(string message) : DomainRuleException(message);
