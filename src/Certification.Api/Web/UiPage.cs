using Certification.Api.Identity;
using Certification.Domain;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Certification.Api.Web;

/// <summary>
/// Base of the product's pages: sends MediatR requests as the signed-in caller (the same <see cref="CallerContext"/>
/// the API uses; never as System) and turns refused input into messages at the fields.
/// </summary>
public abstract class UiPage : PageModel
{
    protected IMediator Mediator => HttpContext.RequestServices.GetRequiredService<IMediator>();

    protected Caller Caller => HttpContext.CurrentCaller();

    /// <summary>A one-off message shown at the top of the next page (after a redirect).</summary>
    [TempData] public string? Notice { get; set; }

    protected Task<T> SendAsync<T>(IRequest<T> request) => Mediator.Send(request, HttpContext.RequestAborted);

    /// <summary>
    /// Sends the request; bad input or a state that does not allow it become model errors (at the form field of the
    /// request field the handler named, see <see cref="FieldKey"/>; else at the top) and the result is default.
    /// </summary>
    protected async Task<(bool Ok, T? Result)> TryAsync<T>(IRequest<T> request)
    {
        try
        {
            return (true, await SendAsync(request));
        }
        catch (Exception e) when (UiErrors.TryAdd(ModelState, e, FieldKey))
        {
            return (false, default);
        }
    }

    /// <summary>
    /// Runs the request's own validators without sending it (a confirmation step checks the input first); their
    /// refusals become model errors like <see cref="TryAsync{T}"/>'s. False when any was refused.
    /// </summary>
    protected bool Validates<TRequest>(TRequest request)
    {
        var errors = HttpContext.RequestServices.GetServices<IRequestValidator<TRequest>>().SelectMany(v => v.Validate(request)).ToList();
        return errors.Count == 0 || !UiErrors.TryAdd(ModelState, new RequestValidationException(errors), FieldKey);
    }

    /// <summary>The form field (model-state key) showing a request field's error; the same name unless a page says otherwise.</summary>
    protected virtual string FieldKey(string requestField) => requestField;
}

public static class UiErrors
{
    /// <summary>ViewData key: the heading of the page's list of refusals (<c>_Errors</c>), when "correct these fields" does not fit.</summary>
    public const string Heading = "ErrorsHeading";

    /// <summary>The status a page answers with for an exception of the features, or null for an unexpected one.</summary>
    public static int? StatusOf(Exception e) => e switch
    {
        RequestValidationException => StatusCodes.Status400BadRequest,
        DomainStateException or ConflictException => StatusCodes.Status409Conflict,
        DomainRuleException => StatusCodes.Status400BadRequest,
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        _ => null,
    };

    /// <summary>Adds the messages of a refusal to the model state; false for exceptions that are not refusals of input or state.</summary>
    public static bool TryAdd(ModelStateDictionary state, Exception e, Func<string, string> key)
    {
        switch (e)
        {
            case RequestValidationException v:
                foreach (var error in v.Errors) state.AddModelError(Key(key, error.Field), error.Message);
                return true;
            case DomainStateException s:
                state.AddModelError("", s.Message);
                return true;
            case DomainRuleException r:
                state.AddModelError(r.Field is null ? "" : Key(key, r.Field), r.Message);
                return true;
            case ConflictException c:
                state.AddModelError("", c.Message);
                return true;
            default:
                return false;
        }
    }

    private static string Key(Func<string, string> key, string field) => field.Length == 0 ? "" : key(field);
}
