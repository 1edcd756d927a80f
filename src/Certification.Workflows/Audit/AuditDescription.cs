using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Certification.Workflows.Audit;

/// <summary>
/// A compact JSON description of a request for the audit log: its scalar fields (texts shortened), the size of byte
/// contents and the count of collections; nested documents (profiles, definitions) appear in the row changes instead.
/// </summary>
public static class AuditDescription
{
    private const int MaxText = 200;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static string Of(object? request)
    {
        if (request is null) return "";
        var properties = Properties.GetOrAdd(request.GetType(), type => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .ToArray());
        var json = new JsonObject();
        foreach (var property in properties)
        {
            object? value;
            try { value = property.GetValue(request); }
            catch (TargetInvocationException) { continue; }
            if (value is null) continue;
            json[Camel(property.Name)] = Describe(value);
        }
        return json.ToJsonString(AuditTrail.StoredJson);
    }

    private static JsonNode Describe(object value) => value switch
    {
        string s => JsonValue.Create(s.Length <= MaxText ? s : s[..MaxText] + "…"),
        bool b => JsonValue.Create(b),
        int or long or short or decimal => JsonValue.Create(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        double d => JsonValue.Create(d.ToString("R", CultureInfo.InvariantCulture)),
        byte[] bytes => JsonValue.Create($"{bytes.Length} bytes"),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime d => JsonValue.Create(d.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset d => JsonValue.Create(d.ToString("O", CultureInfo.InvariantCulture)),
        Enum e => JsonValue.Create(e.ToString()),
        Guid g => JsonValue.Create(g.ToString("D")),
        Stream => JsonValue.Create("(stream)"),
        JsonNode => JsonValue.Create("(document)"),
        ICollection c => JsonValue.Create($"{c.Count} items"),
        IEnumerable => JsonValue.Create("(list)"),
        _ => JsonValue.Create($"({value.GetType().Name})"),
    };

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
