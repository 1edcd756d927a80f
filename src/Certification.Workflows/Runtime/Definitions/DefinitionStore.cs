using System.Text.Json.Nodes;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Runtime.Definitions;

/// <summary>
/// Versioned definitions: an import always creates a draft with the next version number (the file's own number
/// is ignored); publishing version N retracts the previously published one; instances keep the version they started on.
/// </summary>
public sealed class DefinitionStore(CertificationDbContext db, TimeProvider clock)
{
    public async Task<WorkflowDefinitionRecord> ImportAsync(string json, CancellationToken ct = default)
    {
        var document = DefinitionDocument.Parse(json);
        var definitionId = document.DefinitionId;
        var latest = await db.WorkflowDefinitions
            .Where(d => d.DefinitionId == definitionId)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(ct);
        var version = (latest?.Version ?? 0) + 1;
        if (latest is not null) latest.IsLatest = false;

        var record = new WorkflowDefinitionRecord
        {
            Id = $"{definitionId}:v{version}",
            DefinitionId = definitionId,
            Version = version,
            Name = document.Name,
            IsLatest = true,
            IsPublished = false,
            Json = document.WithVersion(version, isLatest: true, isPublished: false),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WorkflowDefinitions.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    public async Task<WorkflowDefinitionRecord> PublishAsync(string definitionId, int version, CancellationToken ct = default)
    {
        var versions = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ToListAsync(ct);
        var target = versions.FirstOrDefault(d => d.Version == version)
                     ?? throw new NotFoundException($"工作流定义 {definitionId} 没有第 {version} 版");
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var other in versions.Where(v => v.IsPublished && v.Version != version))
        {
            other.IsPublished = false;
            other.RetractedAt = now;
            other.Json = DefinitionDocument.Parse(other.Json).WithVersion(other.Version, other.IsLatest, isPublished: false);
        }
        target.IsPublished = true;
        target.PublishedAt = now;
        target.RetractedAt = null;
        target.Json = DefinitionDocument.Parse(target.Json).WithVersion(target.Version, target.IsLatest, isPublished: true);
        await db.SaveChangesAsync(ct);
        return target;
    }

    public async Task<WorkflowDefinitionRecord> RetractAsync(string definitionId, CancellationToken ct = default)
    {
        var published = await db.WorkflowDefinitions.FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsPublished, ct)
                        ?? throw new NotFoundException($"工作流定义 {definitionId} 没有已发布的版本");
        published.IsPublished = false;
        published.RetractedAt = clock.GetUtcNow().UtcDateTime;
        published.Json = DefinitionDocument.Parse(published.Json).WithVersion(published.Version, published.IsLatest, isPublished: false);
        await db.SaveChangesAsync(ct);
        return published;
    }

    public Task<WorkflowDefinitionRecord?> FindPublishedAsync(string definitionId, CancellationToken ct = default) =>
        db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsPublished, ct);

    public async Task<WorkflowDefinitionRecord> GetAsync(string definitionId, int? version, CancellationToken ct = default)
    {
        var query = db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId);
        var record = version is { } v
            ? await query.FirstOrDefaultAsync(d => d.Version == v, ct)
            : await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        return record ?? throw new NotFoundException(version is null
            ? $"没有工作流定义 {definitionId}"
            : $"工作流定义 {definitionId} 没有第 {version} 版");
    }

    public Task<List<WorkflowDefinitionRecord>> ListAsync(CancellationToken ct = default) =>
        db.WorkflowDefinitions.AsNoTracking().OrderBy(d => d.DefinitionId).ThenBy(d => d.Version).ToListAsync(ct);
}

/// <summary>The few top-level fields of an Elsa 3 document the store needs; everything else is kept verbatim.</summary>
public sealed class DefinitionDocument
{
    private readonly JsonObject _root;

    private DefinitionDocument(JsonObject root) => _root = root;

    public string DefinitionId => Text("definitionId") ?? throw new RequestValidationException("definitionId", "定义缺少 definitionId");
    public string Name => Text("name") ?? DefinitionId;

    public static DefinitionDocument Parse(string json)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException e) { throw new RequestValidationException("$", $"不是有效的 JSON：{e.Message}"); }
        if (node is not JsonObject root) throw new RequestValidationException("$", "工作流定义必须是 JSON 对象");
        var document = new DefinitionDocument(root);
        var id = document.Text("definitionId");
        if (string.IsNullOrWhiteSpace(id) || id.Length > 90 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new RequestValidationException("definitionId", "definitionId 必须是 1–90 个字母、数字、-、_ 或 . 组成的标识");
        return document;
    }

    /// <summary>
    /// The document as stored: the server owns the version number and the version flags. The document's own
    /// <c>id</c> is kept so that an export equals the import; the store keys versions by (definitionId, version).
    /// </summary>
    public string WithVersion(int version, bool isLatest, bool isPublished)
    {
        _root["id"] ??= $"{DefinitionId}:v{version}";
        _root["version"] = version;
        _root["isLatest"] = isLatest;
        _root["isPublished"] = isPublished;
        return _root.ToJsonString();
    }

    private string? Text(string name)
    {
        foreach (var (key, value) in _root)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && value is JsonValue v && v.TryGetValue<string>(out var s))
                return s;
        return null;
    }
}
