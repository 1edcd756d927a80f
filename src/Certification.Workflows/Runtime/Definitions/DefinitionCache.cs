using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Runtime.Definitions;

/// <summary>
/// Finds the compiled definition a step needs. A stored version never changes (only its flags do), so the
/// process-wide <see cref="CompiledWorkflowCache"/> keeps it for good and the database is read only on a miss:
/// steps never re-parse JSON or re-compile scripts.
/// </summary>
public sealed class DefinitionCache(CertificationDbContext db, CompiledWorkflowCache compiled)
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
        if (compiled.TryGet(definitionId, version, out var workflow)) return workflow;
        var json = await db.WorkflowDefinitions
                       .Where(d => d.DefinitionId == definitionId && d.Version == version)
                       .Select(d => d.Json)
                       .FirstOrDefaultAsync(ct)
                   ?? throw new NotFoundException($"工作流定义 {definitionId} 没有第 {version} 版");
        return compiled.GetOrCompile(definitionId, version, () => WorkflowDefinitionReader.Read(json));
    }
}
