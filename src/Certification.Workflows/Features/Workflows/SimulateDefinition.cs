using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Workflows;

/// <summary>
/// The administrators' test run: runs a definition (a draft too) in memory with a virtual clock, delivering the
/// given events and task completions in order. Nothing is stored.
/// </summary>
[AllowedCallers(Roles.Admin)]
public sealed record SimulateDefinition(string Json, JsonObject? Input, JsonArray? Events) : IRequest<SimulationReport>;

public sealed class SimulateDefinitionHandler(ActivityRegistry registry, TimeProvider clock)
    : IRequestHandler<SimulateDefinition, SimulationReport>
{
    public Task<SimulationReport> Handle(SimulateDefinition request, CancellationToken ct) =>
        Task.FromResult(new WorkflowSimulator(registry).Simulate(request.Json, request.Input, request.Events,
            new SimulationOptions { StartTime = clock.GetUtcNow() }));
}
