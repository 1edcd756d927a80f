using System.Net;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Execution;
using Certification.Tests.Shared;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>
/// The submission as seen from the workflow's side: the EvaluateCriteria step reads the dossier being submitted, and
/// a failing step leaves nothing behind.
/// </summary>
public sealed class IntakeWorkflowHostTests
{
    /// <summary>
    /// Evaluates from <see cref="SubmittedDossier"/> on the step's own DbContext, as the product's host does, and
    /// simulates the rest, so these tests see exactly what the evaluation step reads.
    /// </summary>
    private static void DossierHost(IServiceCollection services) =>
        services.AddScoped<ICertificationHost>(sp => new EvaluatingHost(async (context, tier) =>
        {
            var (_, evaluation) = await sp.GetRequiredService<SubmittedDossier>().LatestAsync(context.ApplicationId!);
            return new CriteriaOutcome(evaluation.Eligible, new JsonObject { ["tier"] = tier, ["eligible"] = evaluation.Eligible });
        }));

    [Fact]
    public async Task The_evaluation_step_sees_the_version_being_submitted_and_an_eligible_dossier_reaches_the_reviewers()
    {
        using var api = new IntakeApi(DossierHost);
        var (_, _, id) = await api.CompleteDraftAsync();

        var result = await IntakeApi.ExpectAsync(await api.SubmitAsync(id), HttpStatusCode.OK);

        var instanceId = (string)result["workflowInstanceId"]!;
        var open = await api.WithDbAsync(async (db, _) =>
            await db.HumanTasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open).ToListAsync());
        open.Should().ContainSingle().Which.Role.Should().Be("reviewer");
    }

    [Fact]
    public async Task An_ineligible_dossier_is_submitted_and_then_rejected_by_the_workflow()
    {
        using var api = new IntakeApi(DossierHost);
        var enterpriseId = (string)(await api.RegisterAsync())["id"]!; // empty profile: not eligible
        var (_, _, id) = await api.CompleteDraftAsync("innovative", enterpriseId);

        var result = await IntakeApi.ExpectAsync(await api.SubmitAsync(id), HttpStatusCode.OK);

        result["evaluation"]!["eligible"]!.GetValue<bool>().Should().BeFalse();
        var instanceId = (string)result["workflowInstanceId"]!;
        var (instance, journal) = await api.WithDbAsync(async (db, _) =>
            (await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId),
             await db.JournalEntries.AsNoTracking().Where(j => j.InstanceId == instanceId).Select(j => j.ActivityId).ToListAsync()));
        instance.Status.Should().Be("Finished");
        journal.Should().Contain(["evaluateCriteria", "rejectNotEligible"]);
    }

    [Fact]
    public async Task A_failing_workflow_step_leaves_the_application_unsubmitted_and_no_workflow_behind()
    {
        using var api = new IntakeApi(services => services.AddSingleton<ICertificationHost>(EvaluatingHost.Failing(new InvalidOperationException("评价服务不可用"))));
        var (_, _, id) = await api.CompleteDraftAsync();

        var response = await api.SubmitAsync(id);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var application = await api.GetAsync($"/api/applications/{id}");
        ((string?)application["status"]).Should().Be("Draft");
        application["currentVersion"]!.GetValue<int>().Should().Be(0);
        application["workflowInstanceId"].Should().BeNull();
        var (versions, instances, tasks) = await api.WithDbAsync(async (db, _) =>
            (await db.ApplicationVersions.CountAsync(), await db.WorkflowInstances.CountAsync(), await db.HumanTasks.CountAsync()));
        versions.Should().Be(0);
        instances.Should().Be(0);
        tasks.Should().Be(0);
    }
}
