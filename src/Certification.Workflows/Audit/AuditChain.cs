using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Certification.Workflows.Audit;

/// <summary>The hash of an entry: SHA-256 over a canonical serialisation of all its fields and the previous hash.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Format = "certification-audit-v1";

    /// <summary>
    /// Times are hashed (and stored) at whole milliseconds: PostgreSQL keeps microseconds and SQLite text, so a finer
    /// value would not read back identically on both.
    /// </summary>
    public static DateTime Truncate(DateTime at) =>
        new(at.Ticks - at.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    public static string Compute(AuditEntry entry)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512 + entry.Changes.Length * 2);
        using (var json = new Utf8JsonWriter(buffer))
        {
            // A JSON array of the fields in a fixed order: unambiguous (strings are quoted and escaped) and stable.
            json.WriteStartArray();
            json.WriteStringValue(Format);
            json.WriteNumberValue(entry.Sequence);
            json.WriteStringValue(entry.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteStringValue(entry.UserName);
            json.WriteStringValue(entry.Role);
            if (entry.ClientAddress is null) json.WriteNullValue(); else json.WriteStringValue(entry.ClientAddress);
            json.WriteStringValue(entry.Operation);
            json.WriteStringValue(entry.Description);
            json.WriteStringValue(entry.Targets);
            json.WriteStringValue(entry.Changes);
            json.WriteStringValue(entry.PreviousHash);
            json.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
