using Certification.Api.Identity;
using Certification.Api.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Web;

/// <summary>Every page of the web UI sits in a folder with a policy; a page outside them stops the host from starting.</summary>
public sealed class PagePolicyTests
{
    private static WebApplication HostWith(IReadOnlyDictionary<string, string> folders)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(UiSetup).Assembly.GetName().Name });
        builder.Services.AddCertificationUi(folders);
        var app = builder.Build();
        app.MapCertificationUi();
        return app;
    }

    [Fact]
    public void Every_page_declares_the_policy_of_its_folder()
    {
        using var app = HostWith(UiSetup.Folders);
        FluentActions.Invoking(() => Policies.EnsureEveryEndpointDeclares(app)).Should().NotThrow();

        var pages = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Page: e.Metadata.GetMetadata<PageActionDescriptor>(), Policy: Policies.Of(e.Metadata)))
            .Where(p => p.Page is not null).ToList();
        pages.Should().Contain(p => p.Page!.ViewEnginePath == "/Account/Login");
        foreach (var (page, policy) in pages)
        {
            var folder = UiSetup.Folders.Keys.Single(f => page!.ViewEnginePath.StartsWith(f + "/", StringComparison.Ordinal));
            policy.Should().Be(UiSetup.Folders[folder], page!.ViewEnginePath);
        }
    }

    [Fact]
    public void A_page_folder_without_a_policy_stops_the_host_from_starting()
    {
        using var app = HostWith(UiSetup.Folders.Where(f => f.Key != "/Public").ToDictionary());

        FluentActions.Invoking(() => Policies.EnsureEveryEndpointDeclares(app))
            .Should().Throw<InvalidOperationException>().WithMessage("*/Public/Index*");
    }

    [Fact]
    public void A_folder_under_an_unknown_policy_is_refused()
    {
        var services = new ServiceCollection();
        services.AddCertificationUi(new Dictionary<string, string> { ["/Enterprise"] = "no-such-policy" });
        FluentActions.Invoking(() => services.BuildServiceProvider().GetRequiredService<Microsoft.Extensions.Options.IOptions<RazorPagesOptions>>().Value)
            .Should().Throw<ArgumentException>().WithMessage("*no-such-policy*");
    }
}
