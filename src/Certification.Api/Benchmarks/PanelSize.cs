using System.Text.Json.Nodes;
using Certification.Workflows.Features.Workflows;
using Certification.Workflows.Runtime.Definitions;
using MediatR;

namespace Certification.Api.Benchmarks;

/// <summary>
/// <c>--experts N</c>: publishes, in the benchmark's database, a new version of the shipped specialized definition
/// whose expert panel has N seats, the way an administrator would change it in the designer.
/// </summary>
public static class PanelSize
{
    public static async Task PublishAsync(BenchHost host, int seats)
    {
        var (_, json) = ShippedDefinitions.All().Single(d => d.Name == "specialized.json");
        var document = JsonNode.Parse(json)!.AsObject();
        var activities = document["root"]!["activities"]!.AsArray();
        var scoring = activities.Single(a => (string?)a!["id"] == "expertScoring")!;
        scoring["panelSize"]!["expression"]!["value"] = seats;
        await using var scope = host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var draft = await mediator.Send(new ImportDefinition(document.ToJsonString()));
        await mediator.Send(new PublishDefinition(draft.DefinitionId, draft.Version));
    }
}
