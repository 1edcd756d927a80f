using Certification.Workflows.Mediation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Certification.Api.Web;

/// <summary>
/// What a page handler's exceptions become: out of scope or missing → the 404 page, wrong role → the 403 page
/// (both through <c>/error/{code}</c>); bad input or a state that does not allow the action → the same page again
/// with the message at the field (or at the top), so the user sees what to do. Anything else stays a 500.
/// </summary>
public sealed class UiExceptionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled) return;
        switch (executed.Exception)
        {
            case NotFoundException:
                executed.Result = new StatusCodeResult(StatusCodes.Status404NotFound);
                break;
            case ForbiddenException:
                executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                break;
            default:
                // Pages catch bad input at the form (UiPage.TryAsync); what escapes is shown as its status page.
                if (UiErrors.StatusOf(executed.Exception) is not { } status) return;
                executed.Result = new StatusCodeResult(status);
                break;
        }
        executed.ExceptionHandled = true;
    }
}
