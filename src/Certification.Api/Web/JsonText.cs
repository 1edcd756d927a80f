using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Certification.Api.Web;

/// <summary>JSON as the pages show and edit it: indented, Chinese written as is; uploaded text read the same way everywhere.</summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pretty(JsonNode node) => node.ToJsonString(Indented);

    /// <summary>"第 3 行第 14 个字节附近": where a parser stopped, for the message that says what to fix.</summary>
    public static string Where(JsonException e) => $"第 {(e.LineNumber ?? 0) + 1} 行第 {(e.BytePositionInLine ?? 0) + 1} 个字节附近";

    /// <summary>An uploaded file's text when one was chosen, else the pasted text.</summary>
    public static async Task<string?> FromFormAsync(IFormFile? upload, string? pasted, CancellationToken ct)
    {
        if (upload is not { Length: > 0 }) return pasted;
        using var reader = new StreamReader(upload.OpenReadStream());
        return await reader.ReadToEndAsync(ct);
    }
}
