using Certification.Api.Hosting;
using Certification.Api.Web;
using Certification.Workflows.Runtime.Timers;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Admin;

/// <summary>
/// Development only (404 elsewhere: the host has no demo clock there): moves the host's clock forward by whole days and
/// fires the timers now due, so a demo application's publicity ends and its certificate issues without waiting.
/// </summary>
public sealed class DemoClockModel(TimerSweeper timers) : UiPage
{
    [BindProperty] public int? Days { get; set; } = 7;

    public DateTimeOffset Now { get; private set; }
    public TimeSpan Offset { get; private set; }

    public IActionResult OnGet()
    {
        if (HttpContext.DemoClockOf() is not { } clock) return NotFound();
        Show(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (HttpContext.DemoClockOf() is not { } clock) return NotFound();
        if (ModelState.IsValid && Days is not (>= 1 and <= 366))
            ModelState.AddModelError(nameof(Days), "请填写 1 到 366 之间的天数");
        if (!ModelState.IsValid)
        {
            Show(clock);
            return Page();
        }
        var fired = await clock.AdvanceAsync(Days!.Value, timers, HttpContext.RequestAborted);
        Notice = $"时钟已前进 {Days} 天，现在的模拟时间是 {Display.Time(clock.GetUtcNow())}；到期的定时任务已执行 {fired} 个（如公示期满、发放证书）。";
        return RedirectToPage();
    }

    private void Show(DemoTimeClock clock)
    {
        Now = clock.GetUtcNow();
        Offset = clock.Offset;
    }
}
