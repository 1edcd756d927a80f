using System.Text.RegularExpressions;

namespace Certification.Api.Tests.Web;

/// <summary>Posts a page's form as a browser would: the antiforgery field of the rendered page and the cookie it set.</summary>
public static partial class PageForms
{
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, HttpResponseMessage page, string html,
        Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = TokenField().Match(html).Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        foreach (var cookie in page.Headers.GetValues("Set-Cookie")) request.Headers.Add("Cookie", cookie.Split(';')[0]);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
