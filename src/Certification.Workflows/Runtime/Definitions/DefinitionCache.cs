using System.Collections.Concurrent;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Runtime.Definitions;

/// <summary>
/// Compiled definitions by (definitionId, version). A stored version never changes (only its flags do), so a
/// compiled one is valid for the life of the process: steps never re-parse JSON or re-compile scripts.
/// </summary>
public sealed class CompiledDefinitions(ActivityRegistry registry)
{
    private readonly ConcurrentDictionary<(string, int), CompiledWorkflow> _compiled = new();

    public bool TryPeek(string definitionId, int version) => _compiled.ContainsKey((definitionId, version));

    public CompiledWorkflow GetOrCompile(string definitionId, int version, Func<string> json) =>
        _compiled.GetOrAdd((definitionId, version), _ => Compile(json()));

    private CompiledWorkflow Compile(string json) => CompiledWorkflow.Compile(WorkflowDefinitionReader.Read(json), registry);
}

/// <summary>Finds the compiled definition a step needs, reading the database only on a cache miss.</summary>
public sealed class DefinitionCache(CertificationDbContext db, CompiledDefinitions compiled)
{
    public async Task<CompiledWorkflow> GetPublishedAsync(string definitionId, CancellationToken ct)
    {
        var version = await db.WorkflowDefinitions
            .Where(d => d.DefinitionId == definitionId && d.IsPublished)
            .Select(d => (int?)d.Version)
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException($"工作流 {definitionId} 没有已发布的版本");
        return await GetAsync(definitionId, version, ct);
    }

    public async Task<CompiledWorkflow> GetAsync(string definitionId, int version, CancellationToken ct)
    {
        string? json = null;
        if (!compiled.TryPeek(definitionId, version))
            json = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId && d.Version == version)
                       .Select(d => d.Json).FirstOrDefaultAsync(ct)
                   ?? throw new NotFoundException($"工作流定义 {definitionId} 没有第 {version} 版");
        return compiled.GetOrCompile(definitionId, version, () => json!);
    }
}
