using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Certification.Domain.Criteria;

/// <summary>The one JSON dialect for profiles and evaluations, shared by every layer.</summary>
public static class CriteriaJson
{
    /// <summary>camelCase, case-insensitive reading, enums as their kebab-case strings, decimals without trailing zeros.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            // Reasons and names are Chinese: keep them readable in stored JSON.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new NormalizedDecimalConverter());
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>Writes 71 rather than 71.0; reads numbers and numeric strings exactly.</summary>
internal sealed class NormalizedDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.GetDecimal();
        }
        return decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new JsonException($"“{reader.GetString()}”不是数字");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
        => writer.WriteNumberValue(Normalize(value));

    // Dividing by a 1 carrying the maximum scale yields the smallest scale that represents the value.
    internal static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;
}
