using Certification.Tests.Shared;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;
using static Certification.Workflows.Tests.Engine.Def;

namespace Certification.Workflows.Tests.Engine.Activities;

public class HostFailureTests
{
    private static (Harness, CompiledWorkflow, StepResult) Submitted(Exception error)
    {
        var h = new Harness { Host = EvaluatingHost.Failing(error) };
        var wf = h.Compile(Document(
            [Activity("start", "Elsa.Start"), Activity("submit", "Certification.AwaitSubmission"),
             Activity("eval", "Certification.EvaluateCriteria", ("tier", Literal("specialized", "String")))],
            [Connect("start", "submit"), Connect("submit", "eval", "Submitted")]));
        return (h, wf, h.Start(wf));
    }

    [Fact]
    public void An_infrastructure_failure_in_the_host_aborts_the_step_and_changes_nothing()
    {
        var (h, wf, first) = Submitted(new TimeoutException("database timeout"));
        var before = first.State.ToJson();

        var act = () => h.CompleteTask(wf, first.State, "submit", "Submitted");

        act.Should().Throw<TimeoutException>().WithMessage("database timeout");
        first.State.ToJson().Should().Be(before);
    }

    [Fact]
    public void A_CertificationHostException_faults_the_instance_with_its_message()
    {
        var (h, wf, first) = Submitted(new CertificationHostException("企业画像缺少近三年财务数据"));

        var result = h.CompleteTask(wf, first.State, "submit", "Submitted");

        result.Status.Should().Be(WorkflowStatus.Faulted);
        result.State.Fault!.ActivityId.Should().Be("eval");
        result.State.Fault.Message.Should().Be("企业画像缺少近三年财务数据");
    }
}
