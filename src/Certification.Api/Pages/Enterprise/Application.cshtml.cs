using Certification.Api.Web;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Documents;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Enterprise;

/// <summary>One application of the enterprise: checklist and uploads, submission, what is awaited, the timeline.</summary>
[RequestSizeLimit(UploadDocument.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadDocument.MaxBytes + 1024 * 1024)]
public sealed class ApplicationModel : EnterprisePage
{
    public ApplicationDetail Application { get; private set; } = null!;
    public ApplicationTimeline Timeline { get; private set; } = null!;

    /// <summary>The first required item still missing, preselected in the upload form.</summary>
    public string? NextMissing => Application.Checklist.FirstOrDefault(c => c.Required && !c.Present)?.Item;

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task OnGetAsync(string id) => await LoadAsync(id);

    public async Task<IActionResult> OnPostUploadAsync(string id, string? item, IFormFile? file)
    {
        byte[]? content = null;
        if (file is not null)
        {
            if (file.Length > UploadDocument.MaxBytes)
            {
                ModelState.AddModelError("file", UploadDocument.TooLarge(file.Length));
                await LoadAsync(id);
                return Page();
            }
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            content = buffer.ToArray();
        }
        var (ok, document) = await TryAsync(new UploadDocument(id, item, file?.FileName, content, Caller.UserName));
        return await After(id, ok, ok ? $"已上传“{document!.FileName}”（{document.ItemName}）。" : null);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, string? documentId)
    {
        var (ok, _) = await TryAsync(new DeleteDocument(id, documentId ?? ""));
        return await After(id, ok, "已删除该材料。");
    }

    public async Task<IActionResult> OnPostSubmitAsync(string id)
    {
        var (ok, result) = await TryAsync(new SubmitApplication(id, Caller.UserName));
        return await After(id, ok, ok ? $"已提交，当前状态：{result!.StatusLabel}。" : null);
    }

    /// <summary>Success: back to the page by GET (a reload does not post again); refusal: the page with the messages.</summary>
    private async Task<IActionResult> After(string id, bool ok, string? notice)
    {
        if (ok)
        {
            Notice = notice;
            return RedirectToPage(new { id });
        }
        await LoadAsync(id);
        return Page();
    }

    private async Task LoadAsync(string id)
    {
        Application = await SendAsync(new GetApplication(id));
        Timeline = await SendAsync(new GetTimeline(id));
    }
}
