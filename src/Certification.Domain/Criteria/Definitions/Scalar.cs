using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Certification.Domain.Criteria.Definitions;

/// <summary>A literal in a criteria file: a number, a yes/no or a choice string.</summary>
[JsonConverter(typeof(ScalarJsonConverter))]
public readonly record struct Scalar
{
    public decimal? Number { get; private init; }
    public bool? Flag { get; private init; }
    public string? Text { get; private init; }

    public static Scalar Of(decimal number) => new() { Number = number };
    public static Scalar Of(bool flag) => new() { Flag = flag };
    public static Scalar Of(string text) => new() { Text = text };

    public override string ToString()
        => Number?.ToString(CultureInfo.InvariantCulture) ?? Flag?.ToString().ToLowerInvariant() ?? Text ?? "";
}

internal sealed class ScalarJsonConverter : JsonConverter<Scalar>
{
    public override Scalar Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType switch
        {
            JsonTokenType.Number => Scalar.Of(reader.GetDecimal()),
            JsonTokenType.True => Scalar.Of(true),
            JsonTokenType.False => Scalar.Of(false),
            JsonTokenType.String => Scalar.Of(reader.GetString()!),
            _ => throw new JsonException("取值必须是数字、true/false 或字符串"),
        };

    public override void Write(Utf8JsonWriter writer, Scalar value, JsonSerializerOptions options)
    {
        if (value.Number is { } number) writer.WriteNumberValue(number);
        else if (value.Flag is { } flag) writer.WriteBooleanValue(flag);
        else writer.WriteStringValue(value.Text);
    }
}
