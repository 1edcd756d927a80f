using System.Net;
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

    /// <summary>
    /// What the browser would send for form <paramref name="formId"/> as rendered: each input's value and each select's
    /// selected option (the antiforgery field is added when posting).
    /// </summary>
    public static Dictionary<string, string> FieldsOf(string html, string formId)
    {
        var start = html.IndexOf($"id=\"{formId}\"", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"no form {formId} on the page");
        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(form))
        {
            if (Attribute(input.Value, "name") is { } name && name != "__RequestVerificationToken") fields[name] = Attribute(input.Value, "value") ?? "";
        }
        foreach (Match select in SelectTag().Matches(form))
        {
            var selected = OptionTag().Matches(select.Groups[2].Value).FirstOrDefault(o => o.Value.Contains("selected", StringComparison.Ordinal));
            fields[WebUtility.HtmlDecode(select.Groups[1].Value)] = selected is null ? "" : Attribute(selected.Value, "value") ?? "";
        }
        return fields;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<select\\b[^>]*\\sname=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectTag();

    [GeneratedRegex("<option\\b[^>]*>")]
    private static partial Regex OptionTag();
}
