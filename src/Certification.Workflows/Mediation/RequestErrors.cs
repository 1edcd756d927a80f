namespace Certification.Workflows.Mediation;

/// <summary>A field of a request and what is wrong with it; Field is a JSON path such as <c>profile.financials[0].year</c>.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The request is malformed or out of range: HTTP 400, CLI exit code 2. Nothing was changed.</summary>
public sealed class RequestValidationException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    public RequestValidationException(string field, string message) : this([new FieldError(field, message)]) { }
}

/// <summary>The thing asked for does not exist (or is not visible to the caller): HTTP 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The request lost a race or contradicts the current state: HTTP 409.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The caller may not do this (their role or scope does not allow it): HTTP 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
