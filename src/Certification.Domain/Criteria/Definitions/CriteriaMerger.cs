using System.Text.Json;
using System.Text.Json.Nodes;

namespace Certification.Domain.Criteria.Definitions;

/// <summary>
/// Applies an overlay version onto its base, so that a province's overlay only states what differs:
/// objects merge property by property (an explicit null clears a property); arrays whose items all carry a
/// <c>code</c> merge item by item — an item with a known code is merged into it, <c>"remove": true</c> drops it,
/// <c>"replaceWith": [...]</c> puts other items in its place, an unknown code is appended; any other array
/// replaces the base array.
/// </summary>
internal static class CriteriaMerger
{
    private const string Remove = "remove";
    private const string ReplaceWith = "replaceWith";

    /// <summary>Merges <paramref name="overlay"/> into <paramref name="target"/>; errors carry paths in the overlay.</summary>
    public static JsonObject Merge(JsonObject target, JsonObject overlay, string sourceName)
    {
        MergeObject(target, overlay, "$", sourceName);
        return target;
    }

    private static void MergeObject(JsonObject target, JsonObject overlay, string path, string sourceName)
    {
        foreach (var (key, value) in overlay)
        {
            var childPath = $"{path}.{key}";
            var existing = target[key];
            if (value is JsonObject overlayObject && existing is JsonObject targetObject)
            {
                MergeObject(targetObject, overlayObject, childPath, sourceName);
            }
            else if (value is JsonArray overlayArray && existing is JsonArray targetArray
                     && overlayArray.Count > 0 && IsKeyed(overlayArray) && IsKeyed(targetArray))
            {
                MergeKeyed(targetArray, overlayArray, childPath, sourceName);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static void MergeKeyed(JsonArray target, JsonArray overlay, string path, string sourceName)
    {
        for (var i = 0; i < overlay.Count; i++)
        {
            var item = (JsonObject)overlay[i]!;
            var itemPath = $"{path}[{i}]";
            var code = CodeOf(item)!;
            var index = IndexOf(target, code);
            var remove = item[Remove];
            var replacement = item[ReplaceWith];

            if (remove is not null || replacement is not null)
            {
                if (index < 0)
                {
                    throw new CriteriaDefinitionException(sourceName, itemPath, $"基础版本中没有“{code}”，无法删除或替换");
                }
                if (item.Count != 2 || (remove is not null && remove.GetValueKind() != JsonValueKind.True))
                {
                    throw new CriteriaDefinitionException(sourceName, itemPath,
                        $"删除只能写 {{\"code\": \"{code}\", \"remove\": true}}，替换只能写 code 和 replaceWith");
                }
                target.RemoveAt(index);
                if (replacement is not null)
                {
                    if (replacement is not JsonArray items || !items.All(n => n is JsonObject))
                    {
                        throw new CriteriaDefinitionException(sourceName, $"{itemPath}.{ReplaceWith}", "replaceWith 必须是对象数组");
                    }
                    foreach (var (newItem, offset) in items.Select((n, k) => (n!, k)))
                    {
                        target.Insert(index + offset, newItem.DeepClone());
                    }
                }
            }
            else if (index >= 0)
            {
                MergeObject((JsonObject)target[index]!, item, itemPath, sourceName);
            }
            else
            {
                target.Add(item.DeepClone());
            }
        }
    }

    private static bool IsKeyed(JsonArray array) => array.All(n => n is JsonObject o && CodeOf(o) is not null);

    private static string? CodeOf(JsonObject item)
        => item["code"] is JsonValue value && value.TryGetValue<string>(out var code) ? code : null;

    private static int IndexOf(JsonArray array, string code)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject o && CodeOf(o) == code)
            {
                return i;
            }
        }
        return -1;
    }
}
