using Certification.Api.Identity;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.WebEncoders;

namespace Certification.Api.Web;

/// <summary>
/// The server-rendered web UI (Razor Pages under <c>Pages/</c>). Every page folder is put under one authorization
/// policy here (<see cref="Folders"/>); a page outside them declares none, and
/// <see cref="Policies.EnsureEveryEndpointDeclares"/> then refuses to start the host. Pages send the same MediatR
/// requests as the API, as the signed-in caller (<see cref="Workflows.Access.CallerContext"/>).
/// </summary>
public static class UiSetup
{
    /// <summary>Page folder → policy (<see cref="Policies.Public"/>: anonymous visitors too).</summary>
    public static readonly IReadOnlyDictionary<string, string> Folders = new Dictionary<string, string>
    {
        ["/Public"] = Policies.Public,
        ["/Account"] = Policies.Public,
        ["/Enterprise"] = Policies.Enterprise,
        ["/Review"] = Policies.Reviewer,
        // Dynamic management's decisions (re-evaluations, revocations, change re-checks, the watch list): reviewers and administrators.
        ["/Officer"] = Policies.Officer,
        ["/Expert"] = Policies.Expert,
        ["/Admin"] = Policies.Admin,
        // Approved lists, statistics and the audit log: regulators (their region) and administrators.
        ["/Regulator"] = Policies.Statistics,
    };

    public static IServiceCollection AddCertificationUi(this IServiceCollection services, IReadOnlyDictionary<string, string>? folders = null)
    {
        services.AddRazorPages(o =>
            {
                foreach (var (folder, policy) in folders ?? Folders)
                {
                    if (policy == Policies.Public) o.Conventions.AllowAnonymousToFolder(folder);
                    else if (Policies.RolesOf.ContainsKey(policy)) o.Conventions.AuthorizeFolder(folder, policy);
                    else throw new ArgumentException($"unknown policy '{policy}' for page folder {folder}", nameof(folders));
                }
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<UiExceptionFilter>();
                // The features validate their requests (in Chinese, naming the field); no English "field is required" from nullability.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                SpeakChinese(o.ModelBindingMessageProvider);
            })
            .AddApplicationPart(typeof(UiSetup).Assembly);
        services.AddHttpContextAccessor();
        // Chinese text is written as is, not as &#x…; entities (still HTML-encoded where it must be).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    /// <summary>The model binder's own messages (text in a number field …), in Chinese and saying what to do.</summary>
    private static void SpeakChinese(DefaultModelBindingMessageProvider m)
    {
        m.SetAttemptedValueIsInvalidAccessor((value, _) => $"“{value}”无效，请按提示重新填写");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”无效，请按提示重新填写");
        m.SetUnknownValueIsInvalidAccessor(_ => "填写的值无效，请重新填写");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "填写的值无效，请重新填写");
        m.SetValueIsInvalidAccessor(value => $"“{value}”无效，请重新填写");
        m.SetValueMustBeANumberAccessor(_ => "请填写数字");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "请填写数字");
        m.SetValueMustNotBeNullAccessor(_ => "此项必须填写");
        m.SetMissingBindRequiredValueAccessor(_ => "此项必须填写");
        m.SetMissingKeyOrValueAccessor(() => "此项必须填写");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "缺少提交内容");
    }

    /// <summary>True for requests of the HTTP API (problem+json answers), false for pages.</summary>
    public static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi") || http.Request.Path.StartsWithSegments("/health");

    /// <summary>
    /// Pages show their own error pages (<c>/error/{code}</c>); the API keeps problem+json.
    /// </summary>
    public static IApplicationBuilder UseUiErrorPages(this IApplicationBuilder app) =>
        app.UseWhen(http => !IsApi(http), branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));

    public static void MapCertificationUi(this WebApplication app) => app.MapRazorPages();
}
