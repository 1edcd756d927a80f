using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Execution;

public class ConcurrencyTests
{
    [Fact]
    public async Task One_compiled_workflow_runs_many_instances_in_parallel()
    {
        var cases = new JsonArray(
            new JsonObject { ["label"] = "Big", ["condition"] = "getInput('n') % 2 == 0" },
            new JsonObject { ["label"] = "Small", ["condition"] = new JsonObject { ["type"] = "Literal", ["value"] = true } });
        var runner = new WorkflowRunner();
        var wf = new CompiledWorkflowCache(runner.Registry).GetOrCompile(WorkflowDefinitionReader.Read(Document(
            [
                Activity("start", "Elsa.Start"),
                Activity("fork", "Elsa.FlowFork", ("branches", Literal("A,B"))),
                Activity("a", "Elsa.SetVariable", ("variable", "Sum"), ("value", Js("variables.Sum + getInput('n')"))),
                Activity("b", "Certification.PreliminaryReview"),
                Activity("join", "Elsa.FlowJoin", ("mode", Literal("WaitAll", "String"))),
                Activity("sw", "Elsa.FlowSwitch", ("cases", cases)),
                Activity("big", "Elsa.SetVariable", ("variable", "Kind"), ("value", Literal("big", "String"))),
                Activity("small", "Elsa.SetVariable", ("variable", "Kind"), ("value", Literal("small", "String"))),
            ],
            [Connect("start", "fork"), Connect("fork", "a", "A"), Connect("fork", "b", "B"), Connect("a", "join"), Connect("b", "join", "Recommended"),
             Connect("join", "sw"), Connect("sw", "big", "Big"), Connect("sw", "small", "Small")],
            [Variable("Sum", "Int32", "0"), Variable("Kind", "String")]).ToJsonString()));

        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
        {
            var context = new WorkflowRunContext { Host = new SimulationHost(), Actor = "p" + n };
            var first = await runner.StartAsync(wf, new JsonObject { ["n"] = n }, context, ct);
            var task = first.TasksCreated.Single();
            var done = await runner.ResumeAsync(wf, WorkflowInstanceState.FromJson(first.State.ToJson()), task.Id, new JsonObject { ["outcome"] = "Recommended" }, context, ct);
            var expected = n % 2 == 0 ? "big" : "small";
            if (done.Status != WorkflowStatus.Finished || done.State.Variables["Sum"]!.GetValue<int>() != n || done.State.Variables["Kind"]!.GetValue<string>() != expected)
                failures.Add($"{n}: {done.Status} {done.State.Variables.ToJsonString()} {done.Error}");
        });

        failures.Should().BeEmpty();
    }
}
