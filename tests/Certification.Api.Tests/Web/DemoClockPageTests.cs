using System.Net;
using Certification.Api.Hosting;
using Certification.Api.Tests.Identity;
using Certification.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Web;

/// <summary>
/// 演示时钟: in Development an administrator moves the host's clock forward by days (so a demo's publicity ends);
/// outside Development the page does not exist and the host keeps real time.
/// </summary>
public sealed class DemoClockPageTests
{
    private sealed class HostIn(string environment) : WebApplicationFactory<Program>
    {
        private readonly TestDatabase _database = TestDatabase.Create();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Demo:Enterprises", "0");
            builder.UseSetting("Workflows:TimerSweepSeconds", "86400");
            foreach (var (key, value) in _database.Settings) builder.UseSetting(key, value);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) _database.Dispose();
        }
    }

    [Fact]
    public async Task In_development_an_administrator_moves_the_hosts_clock_forward_and_sees_the_simulated_date()
    {
        using var host = new HostIn("Development");
        var admin = host.CreateClientAs(TestAccount.Admin);
        var clock = host.Services.GetRequiredService<TimeProvider>();
        clock.Should().BeOfType<DemoTimeClock>();
        var before = clock.GetUtcNow();

        var page = await admin.GetAsync("/admin/demo-clock");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("演示时钟").And.Contain("data-testid=\"simulated-date\"").And.Contain("href=\"/admin/demo-clock\"");

        var posted = await admin.PostFormAsync("/admin/demo-clock", page, html, new() { ["Days"] = "10" });
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (clock.GetUtcNow() - before).Should().BeGreaterThanOrEqualTo(TimeSpan.FromDays(10));
        var after = await admin.GetStringAsync("/admin/demo-clock");
        after.Should().Contain($"{Certification.Api.Web.Display.Time(clock.GetUtcNow())[..10]}");

        var refused = await admin.PostFormAsync("/admin/demo-clock", page, html, new() { ["Days"] = "0" });
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("请填写 1 到 366 之间的天数");
        (clock.GetUtcNow() - before).Should().BeLessThan(TimeSpan.FromDays(11), "a refused number moves nothing");

        (await host.CreateClientAs(TestAccount.Regulator()).GetAsync("/admin/demo-clock")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Outside_development_the_page_does_not_exist_and_the_clock_is_real()
    {
        using var host = new HostIn("Production");
        var admin = host.CreateClientAs(TestAccount.Admin);

        (await admin.GetAsync("/admin/demo-clock")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        host.Services.GetService<DemoTimeClock>().Should().BeNull();
        host.Services.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
        (await admin.GetStringAsync("/admin/users")).Should().NotContain("/admin/demo-clock");
    }
}
