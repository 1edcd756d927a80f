using System.Text.Json;
using System.Text.Json.Serialization;

namespace Certification.Api.Http;

/// <summary>
/// Every string read from a request body: control characters other than tab and line breaks are refused (as bad JSON
/// naming the field) before any feature sees them. They have no place in names, reasons or codes, and PostgreSQL
/// cannot store NUL at all, so letting one through would turn bad input into a server error.
/// </summary>
public sealed class PlainTextConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            throw new JsonException("Text contains control characters.");
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
