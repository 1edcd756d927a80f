using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Certification.Domain.Criteria.Definitions;

/// <summary>Parses criteria files, resolves <c>extends</c> chains, and validates the merged result.</summary>
internal static class CriteriaLoader
{
    private static readonly JsonSerializerOptions DefinitionOptions = CreateOptions();

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed record Parsed(CriteriaSource Source, string Version, string? Extends, JsonObject Root);

    /// <summary>Loads <paramref name="sources"/> on top of <paramref name="existing"/> versions.</summary>
    public static IReadOnlyDictionary<string, CriteriaSet> Load(
        IEnumerable<CriteriaSource> sources, IReadOnlyDictionary<string, CriteriaSet> existing)
    {
        var parsed = new Dictionary<string, Parsed>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var file = Parse(source);
            if (existing.ContainsKey(file.Version) || parsed.ContainsKey(file.Version))
            {
                throw new CriteriaDefinitionException(source.Name, "$.version", $"版本“{file.Version}”重复定义");
            }
            parsed.Add(file.Version, file);
        }

        var result = new Dictionary<string, CriteriaSet>(existing, StringComparer.Ordinal);
        foreach (var file in parsed.Values)
        {
            var merged = Resolve(file, parsed, existing, []);
            result[file.Version] = Build(file, merged);
        }
        return result;
    }

    private static Parsed Parse(CriteriaSource source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(source.Json, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new CriteriaDefinitionException(source.Name, e.Path ?? "$",
                $"JSON 格式错误（第{e.LineNumber + 1}行）：{e.Message}");
        }
        if (root is not JsonObject obj)
        {
            throw new CriteriaDefinitionException(source.Name, "$", "评价标准文件必须是一个 JSON 对象");
        }
        var version = StringProperty(obj, "version", source);
        if (string.IsNullOrWhiteSpace(version))
        {
            throw new CriteriaDefinitionException(source.Name, "$.version", "缺少版本号");
        }
        return new Parsed(source, version, StringProperty(obj, "extends", source), obj);
    }

    private static string? StringProperty(JsonObject obj, string name, CriteriaSource source)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }
        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new CriteriaDefinitionException(source.Name, $"$.{name}", $"{name} 必须是字符串");
    }

    private static JsonObject Resolve(Parsed file, IReadOnlyDictionary<string, Parsed> parsed,
        IReadOnlyDictionary<string, CriteriaSet> existing, List<string> chain)
    {
        if (chain.Contains(file.Version))
        {
            throw new CriteriaDefinitionException(file.Source.Name, "$.extends",
                $"继承关系存在循环：{string.Join(" → ", chain.Append(file.Version))}");
        }
        if (file.Extends is not { } baseVersion)
        {
            return (JsonObject)file.Root.DeepClone();
        }
        JsonObject baseRoot;
        if (parsed.TryGetValue(baseVersion, out var baseFile))
        {
            baseRoot = Resolve(baseFile, parsed, existing, [.. chain, file.Version]);
        }
        else if (existing.TryGetValue(baseVersion, out var baseSet))
        {
            baseRoot = (JsonObject)JsonNode.Parse(baseSet.ResolvedJson)!;
        }
        else
        {
            throw new CriteriaDefinitionException(file.Source.Name, "$.extends", $"继承的版本“{baseVersion}”不存在");
        }
        // What a version inherits is its base's content, not the base's identity or metadata of its own.
        foreach (var own in new[] { "title", "region", "effectiveFrom" })
        {
            baseRoot.Remove(own);
        }
        return CriteriaMerger.Merge(baseRoot, file.Root, file.Source.Name);
    }

    private static CriteriaSet Build(Parsed file, JsonObject merged)
    {
        var where = file.Extends is null ? file.Source.Name : $"{file.Source.Name}（合并“{file.Extends}”之后）";
        CriteriaDefinition? definition;
        try
        {
            definition = merged.Deserialize<CriteriaDefinition>(DefinitionOptions);
        }
        catch (JsonException e)
        {
            throw new CriteriaDefinitionException(where, e.Path ?? "$", e.Message);
        }
        if (definition is null)
        {
            throw new CriteriaDefinitionException(where, "$", "评价标准文件为空");
        }
        new DefinitionValidator(where).Validate(definition);
        // The resolved text stands alone: it no longer needs (nor names) the version it was merged from.
        merged.Remove("extends");
        var json = merged.ToJsonString(new JsonSerializerOptions(CriteriaJson.Options) { WriteIndented = true });
        return new CriteriaSet(definition, json, file.Source.Name);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // A misspelt property in a criteria file would otherwise be silently ignored.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
