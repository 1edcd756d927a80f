namespace Certification.Api.Http;

/// <summary>
/// Who is calling, for journals and decisions. Until identity exists (issue 5) callers name themselves in the
/// <c>X-Actor</c> header; identity will replace this with the signed-in user, in this one place.
/// </summary>
public static class Actor
{
    public const string Header = "X-Actor";

    public static string Of(HttpContext http)
    {
        var name = http.Request.Headers[Header].ToString().Trim();
        return name.Length is > 0 and <= 100 ? name : "anonymous";
    }
}
