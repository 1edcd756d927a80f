using System.Reflection;
using Certification.Workflows.Features.Workflows;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Runtime.Definitions;

/// <summary>
/// The definitions under <c>workflows/</c> travel inside this assembly. On a database's first start each one that
/// has never been stored is imported and published; administrators' later versions are never overwritten.
/// </summary>
public static class ShippedDefinitions
{
    private const string Prefix = "workflows.";

    public static IReadOnlyList<(string Name, string Json)> All()
    {
        var assembly = typeof(ShippedDefinitions).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[Prefix.Length..], Read(assembly, n)))
            .ToList();
    }

    public static async Task<int> EnsurePublishedAsync(CertificationDbContext db, IMediator mediator, CancellationToken ct = default)
    {
        var published = 0;
        foreach (var (_, json) in All())
        {
            var definitionId = DefinitionDocument.Parse(json).DefinitionId;
            if (await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == definitionId, ct)) continue;
            var draft = await mediator.Send(new ImportDefinition(json), ct);
            await mediator.Send(new PublishDefinition(draft.DefinitionId, draft.Version), ct);
            published++;
        }
        return published;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
