using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Certification.Workflows.Audit;

/// <summary>
/// One row a SaveChanges writes, as the audit log records it: table, key, kind, and the values before and after
/// (for a modified row only the changed columns). Values are taken when captured, before the save. Large values
/// (document bytes, workflow state, long texts) are recorded by SHA-256 and length instead of in full.
/// </summary>
public sealed class RowChange
{
    /// <summary>Longer strings are recorded by hash and length.</summary>
    public const int MaxInlineText = 1000;

    private readonly EntityEntry? _added;
    private readonly JsonObject? _before;
    private readonly JsonObject? _after;

    private RowChange(string table, string kind, string key, EntityEntry? added, JsonObject? before, JsonObject? after)
    {
        Table = table;
        Kind = kind;
        Key = key;
        _added = added;
        _before = before;
        _after = after;
    }

    public string Table { get; }
    public string Kind { get; }
    public string Key { get; private set; }
    public string Target => $"{Table}/{Key}";

    public static RowChange? From(EntityEntry entry)
    {
        var table = entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name;
        switch (entry.State)
        {
            case EntityState.Added:
            {
                var after = new JsonObject();
                foreach (var property in entry.Properties)
                {
                    if (property.Metadata.IsPrimaryKey() || property.CurrentValue is null) continue;
                    after[property.Metadata.Name] = Value(property.CurrentValue);
                }
                return new RowChange(table, "added", "", entry, null, after);
            }
            case EntityState.Modified:
            {
                var before = new JsonObject();
                var after = new JsonObject();
                foreach (var property in entry.Properties)
                {
                    if (!property.IsModified || Equals(property.OriginalValue, property.CurrentValue)) continue;
                    before[property.Metadata.Name] = Value(property.OriginalValue);
                    after[property.Metadata.Name] = Value(property.CurrentValue);
                }
                // Marked modified without a different value (e.g. Update() of an unchanged row): nothing to record.
                return before.Count == 0 ? null : new RowChange(table, "modified", KeyOf(entry), null, before, after);
            }
            case EntityState.Deleted:
            {
                var before = new JsonObject();
                foreach (var property in entry.Properties)
                {
                    if (property.Metadata.IsPrimaryKey() || property.OriginalValue is null) continue;
                    before[property.Metadata.Name] = Value(property.OriginalValue);
                }
                return new RowChange(table, "deleted", KeyOf(entry), null, before, null);
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// A row written without the change tracker (the workflow runtime's own rows), recorded as
    /// <see cref="From(EntityEntry)"/> records a tracked one: <paramref name="values"/> are the non-key columns in the
    /// order the model lists them (by name); nulls are left out.
    /// </summary>
    public static RowChange Added(string table, string key, IEnumerable<KeyValuePair<string, object?>> values) =>
        new(table, "added", key, null, null, Columns(values));

    /// <summary>A row deleted without the change tracker, with its non-key values as they were.</summary>
    public static RowChange Deleted(string table, string key, IEnumerable<KeyValuePair<string, object?>> values) =>
        new(table, "deleted", key, null, Columns(values), null);

    /// <summary>A row updated without the change tracker: only the columns whose value changed; null when none did.</summary>
    public static RowChange? Modified(string table, string key, IEnumerable<(string Name, object? Before, object? After)> values)
    {
        var before = new JsonObject();
        var after = new JsonObject();
        foreach (var (name, original, current) in values)
        {
            if (Equals(original, current)) continue;
            before[name] = Value(original);
            after[name] = Value(current);
        }
        return before.Count == 0 ? null : new RowChange(table, "modified", key, null, before, after);
    }

    private static JsonObject Columns(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var json = new JsonObject();
        foreach (var (name, value) in values)
            if (value is not null) json[name] = Value(value);
        return json;
    }

    /// <summary>Keys of added rows may come from the database (identity columns): read them after the save.</summary>
    public void ResolveKey()
    {
        if (_added is not null) Key = KeyOf(_added);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["table"] = Table, ["key"] = Key, ["kind"] = Kind };
        if (_before is not null) json["before"] = _before.DeepClone();
        if (_after is not null) json["after"] = _after.DeepClone();
        return json;
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return "";
        return string.Join(",", key.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));
    }

    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        string s when s.Length > MaxInlineText => Digest(Encoding.UTF8.GetBytes(s), "length", s.Length),
        string s => JsonValue.Create(s),
        byte[] bytes => Digest(bytes, "bytes", bytes.Length),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        short s => JsonValue.Create(s),
        decimal d => JsonValue.Create(d),
        _ => JsonValue.Create(Text(value)),
    };

    private static JsonObject Digest(byte[] bytes, string sizeName, int size) =>
        new() { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)), [sizeName] = size };

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
