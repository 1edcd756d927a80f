using Certification.Api.Tests.Identity;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Certification.Domain.Titles;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Runtime;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Lifecycle;

public sealed class IntakeSubmissionTests : IDisposable
{
    private readonly IntakeApi _api = new();

    [Fact]
    public async Task Submitting_freezes_version_1_starts_the_workflow_and_hands_the_dossier_to_the_reviewers()
    {
        var (enterpriseId, _, id) = await _api.CompleteDraftAsync("innovative");

        var result = await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);

        ((string?)result["status"]).Should().Be("Submitted");
        ((string?)result["statusLabel"]).Should().Be("已提交");
        result["version"]!.GetValue<int>().Should().Be(1);
        var evaluation = result["evaluation"]!;
        evaluation["eligible"]!.GetValue<bool>().Should().BeTrue();
        ((string?)evaluation["route"]).Should().Be("direct", "a high-tech enterprise qualifies directly (INN-D2)");
        evaluation["totalScore"]!.GetValue<decimal>().Should().BeGreaterThan(0);
        evaluation["indicators"]!.AsArray().Should().OnlyContain(i => !string.IsNullOrWhiteSpace((string?)i!["reason"]));
        var instanceId = (string)result["workflowInstanceId"]!;

        var (instance, tasks) = await _api.WithDbAsync(async (db, _) =>
            (await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId),
             await db.HumanTasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ToListAsync()));
        instance.DefinitionId.Should().Be("innovative-certification");
        instance.CorrelationId.Should().Be(id);
        instance.Status.Should().Be("Suspended");
        tasks.Should().Contain(t => t.ActivityType == "Certification.AwaitSubmission" && t.Status == HumanTaskStatus.Completed
                                    && t.Outcome == "Submitted" && t.CompletedBy == TestAccount.Enterprise(enterpriseId).UserName, "the signed-in account submitted it");
        tasks.Should().ContainSingle(t => t.Status == HumanTaskStatus.Open)
            .Which.Should().Match<HumanTaskRecord>(t => t.Role == "reviewer" && t.ActivityId == "preliminaryReview" && t.Region == "330106");

        var application = await _api.GetAsync($"/api/applications/{id}");
        ((string?)application["status"]).Should().Be("Submitted");
        application["currentVersion"]!.GetValue<int>().Should().Be(1);
        application["selfAssessment"]!["eligible"]!.GetValue<bool>().Should().BeTrue();
        application["selfAssessmentScore"]!.GetValue<decimal>().Should().Be(evaluation["totalScore"]!.GetValue<decimal>());
        ((string?)application["workflowInstanceId"]).Should().Be(instanceId);
        application["versions"]!.AsArray().Should().ContainSingle();
        application["missingItems"]!.AsArray().Should().BeEmpty();

        var version = await _api.GetAsync($"/api/applications/{id}/versions/1");
        ((string?)version["profile"]!["creditCode"]).Should().Be((string?)(await _api.GetAsync($"/api/enterprises/{enterpriseId}"))["creditCode"]);
        version["documents"]!.AsArray().Should().HaveCount(3);
        ((string?)version["submittedBy"]).Should().Be(TestAccount.Enterprise(enterpriseId).UserName);
    }

    [Fact]
    public async Task A_later_profile_edit_does_not_change_the_frozen_version()
    {
        var (enterpriseId, _, id) = await _api.CompleteDraftAsync();
        await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);
        var before = (await _api.GetAsync($"/api/applications/{id}/versions/1")).ToJsonString();

        var edited = IntakeApi.SampleProfile();
        edited["financials"]![0]!["operatingRevenue"] = 99999;
        edited["employees"] = 170;
        await _api.PutProfileAsync(enterpriseId, edited);

        var after = await _api.GetAsync($"/api/applications/{id}/versions/1");
        after.ToJsonString().Should().Be(before);
        after["profile"]!["financials"]![0]!["operatingRevenue"]!.GetValue<decimal>().Should().Be(15000m);
        after["profile"]!["employees"]!.GetValue<int>().Should().Be(180);
        (await _api.GetAsync($"/api/enterprises/{enterpriseId}/profile"))["employees"]!.GetValue<int>().Should().Be(170);
    }

    [Fact]
    public async Task The_workflow_host_reads_the_frozen_dossier_through_SubmittedDossier()
    {
        var (_, _, id) = await _api.CompleteDraftAsync();
        await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);

        var (profile, evaluation) = await _api.WithDbAsync((_, services) => services.GetRequiredService<SubmittedDossier>().LatestAsync(id));

        profile.Financials![0]!.OperatingRevenue.Should().Be(15000m);
        evaluation.Tier.Should().Be("innovative");
        evaluation.Eligible.Should().BeTrue();
    }

    [Fact]
    public async Task Submitting_outside_the_batch_window_is_a_409_naming_the_dates()
    {
        var today = IntakeApi.Today;
        var enterpriseId = (string)(await _api.RegisterAsync())["id"]!;
        var batchId = (string)(await _api.CreateBatchAsync("innovative", "33", today.AddDays(5), today.AddDays(35)))["id"]!;
        var id = (string)(await _api.CreateDraftAsync(enterpriseId, batchId))["id"]!;
        await _api.UploadRequiredAsync(id);

        var problem = await IntakeApi.ProblemAsync(await _api.SubmitAsync(id), HttpStatusCode.Conflict);

        ((string?)problem["detail"]).Should().Contain(today.AddDays(5).ToString("yyyy-MM-dd")).And.Contain(today.AddDays(35).ToString("yyyy-MM-dd"));
        (await _api.GetAsync($"/api/applications/{id}"))["status"]!.GetValue<string>().Should().Be("Draft");
    }

    [Fact]
    public async Task Submitting_with_required_materials_missing_is_refused_listing_them()
    {
        var enterpriseId = (string)(await _api.RegisterAsync())["id"]!;
        var batchId = (string)(await _api.CreateBatchAsync())["id"]!;
        var id = (string)(await _api.CreateDraftAsync(enterpriseId, batchId))["id"]!;
        await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "business-license", IntakeApi.MinimalPdf(), "营业执照.pdf"), HttpStatusCode.Created);

        var problem = await IntakeApi.ProblemAsync(await _api.SubmitAsync(id), HttpStatusCode.BadRequest);

        problem["errors"]!.AsArray().Select(e => (string?)e!["field"]).Should().Equal("documents.financial-statements", "documents.ip-proof");
        ((string?)problem["detail"]).Should().Contain("财务报表").And.Contain("知识产权证明").And.NotContain("营业执照");
        var application = await _api.GetAsync($"/api/applications/{id}");
        ((string?)application["status"]).Should().Be("Draft");
        application["currentVersion"]!.GetValue<int>().Should().Be(0);
        (await _api.WithDbAsync(async (db, _) => await db.WorkflowInstances.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task An_ineligible_profile_is_still_submitted_and_the_applicant_sees_why()
    {
        var enterpriseId = (string)(await _api.RegisterAsync())["id"]!;
        var (_, _, id) = await _api.CompleteDraftAsync("innovative", enterpriseId);

        var result = await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);

        result["version"]!.GetValue<int>().Should().Be(1);
        result["evaluation"]!["eligible"]!.GetValue<bool>().Should().BeFalse();
        result["evaluation"]!["failed"]!.AsArray().Should().NotBeEmpty()
            .And.OnlyContain(f => !string.IsNullOrWhiteSpace((string?)f!["reason"]));
    }

    [Fact]
    public async Task Submitting_twice_is_a_409()
    {
        var (_, _, id) = await _api.CompleteDraftAsync();
        await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);

        var problem = await IntakeApi.ProblemAsync(await _api.SubmitAsync(id), HttpStatusCode.Conflict);

        ((string?)problem["detail"]).Should().Contain("已提交");
    }

    [Fact]
    public async Task A_second_open_application_for_the_same_tier_is_a_409()
    {
        var (enterpriseId, _, first) = await _api.CompleteDraftAsync("innovative");
        var (_, _, second) = await _api.CompleteDraftAsync("innovative", enterpriseId);
        await IntakeApi.ExpectAsync(await _api.SubmitAsync(first), HttpStatusCode.OK);

        var problem = await IntakeApi.ProblemAsync(await _api.SubmitAsync(second), HttpStatusCode.Conflict);
        ((string?)problem["detail"]).Should().Contain(first);

        var batchId = (string)(await _api.CreateBatchAsync("innovative"))["id"]!;
        var draft = await IntakeApi.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/applications", new { enterpriseId, batchId }), HttpStatusCode.Conflict);
        ((string?)draft["detail"]).Should().Contain(first);
    }

    [Fact]
    public async Task Of_two_simultaneous_submissions_for_the_same_tier_exactly_one_passes()
    {
        var (enterpriseId, _, first) = await _api.CompleteDraftAsync("innovative");
        var (_, _, second) = await _api.CompleteDraftAsync("innovative", enterpriseId);

        var responses = await Task.WhenAll(_api.SubmitAsync(first), _api.SubmitAsync(second));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var submitted = await _api.GetAsync($"/api/applications?enterpriseId={enterpriseId}&status=Submitted");
        submitted.AsArray().Should().ContainSingle();
        (await _api.WithDbAsync(async (db, _) => await db.WorkflowInstances.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task Specialized_needs_a_valid_innovative_title_in_the_register()
    {
        var (enterpriseId, _, id) = await _api.CompleteDraftAsync("specialized");

        var refused = await IntakeApi.ProblemAsync(await _api.SubmitAsync(id), HttpStatusCode.Conflict);
        ((string?)refused["detail"]).Should().Contain("PREREQ").And.Contain("未持有创新型中小企业称号");

        var today = IntakeApi.Today;
        await SeedTitleAsync(enterpriseId, "innovative", issuedOn: today.AddYears(-4)); // expired a year ago
        var expired = await IntakeApi.ProblemAsync(await _api.SubmitAsync(id), HttpStatusCode.Conflict);
        ((string?)expired["detail"]).Should().Contain("PREREQ").And.Contain("到期");

        await SeedTitleAsync(enterpriseId, "innovative", issuedOn: today.AddYears(-1));
        var result = await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);
        result["evaluation"]!["failed"]!.AsArray().Select(f => (string?)f!["code"]).Should().NotContain("PREREQ");
        var frozen = await _api.GetAsync($"/api/applications/{id}/versions/1");
        frozen["profile"]!["titles"]!.AsArray().Should().HaveCount(2, "the frozen profile carries the titles of the register");
        frozen["evaluation"]!["conditions"]!.AsArray().Should().Contain(c => (string?)c!["code"] == "PREREQ" && c["passed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Little_giant_needs_a_valid_specialized_title_and_an_innovative_one_does_not_count()
    {
        var (enterpriseId, _, id) = await _api.CompleteDraftAsync("little-giant");
        await SeedTitleAsync(enterpriseId, "innovative", issuedOn: IntakeApi.Today.AddMonths(-6));

        var refused = await IntakeApi.ProblemAsync(await _api.SubmitAsync(id), HttpStatusCode.Conflict);

        ((string?)refused["detail"]).Should().Contain("PREREQ").And.Contain("专精特新中小企业");
    }

    [Fact]
    public async Task A_revoked_title_does_not_count_for_the_ladder()
    {
        var (enterpriseId, _, id) = await _api.CompleteDraftAsync("specialized");
        await SeedTitleAsync(enterpriseId, "innovative", issuedOn: IntakeApi.Today.AddMonths(-6), revoked: true);

        var refused = await IntakeApi.ProblemAsync(await _api.SubmitAsync(id), HttpStatusCode.Conflict);

        ((string?)refused["detail"]).Should().Contain("PREREQ");
    }

    [Fact]
    public async Task An_enterprise_under_a_reapplication_ban_is_refused_with_the_date()
    {
        var (enterpriseId, _, id) = await _api.CompleteDraftAsync();
        var until = IntakeApi.Today.AddYears(3);
        await _api.WithDbAsync(async db =>
        {
            (await db.Enterprises.SingleAsync(e => e.Id == enterpriseId)).BanReapplicationUntil(until);
            await db.SaveChangesAsync();
        });

        var problem = await IntakeApi.ProblemAsync(await _api.SubmitAsync(id), HttpStatusCode.Conflict);

        ((string?)problem["detail"]).Should().Contain(until.ToString("yyyy-MM-dd")).And.Contain("不得重新申报");
    }

    [Fact]
    public async Task A_ban_ending_today_no_longer_applies()
    {
        var (enterpriseId, _, id) = await _api.CompleteDraftAsync();
        await _api.WithDbAsync(async db =>
        {
            (await db.Enterprises.SingleAsync(e => e.Id == enterpriseId)).BanReapplicationUntil(IntakeApi.Today);
            await db.SaveChangesAsync();
        });

        await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_returned_dossier_is_corrected_and_resubmitted_as_version_2_keeping_version_1()
    {
        var (enterpriseId, _, id) = await _api.CompleteDraftAsync();
        var first = await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);
        var instanceId = (string)first["workflowInstanceId"]!;
        var v1 = await _api.GetAsync($"/api/applications/{id}/versions/1");
        await ReturnForCorrectionAsync(id, instanceId, "财务报表与填报数据不一致，请核对后重新上传");

        var returned = await _api.GetAsync($"/api/applications/{id}");
        ((string?)returned["status"]).Should().Be("Returned");
        ((string?)returned["statusLabel"]).Should().Be("退回补正");
        ((string?)returned["decisionReason"]).Should().Contain("财务报表");

        // The applicant corrects the profile and replaces the financial statements.
        var corrected = IntakeApi.SampleProfile();
        corrected["financials"]![0]!["netProfit"] = 1300;
        await _api.PutProfileAsync(enterpriseId, corrected);
        var old = returned["documents"]!.AsArray().Single(d => (string?)d!["item"] == "financial-statements")!;
        (await _api.Client.DeleteAsync($"/api/applications/{id}/documents/{old["id"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "financial-statements", IntakeApi.MinimalPdf("corrected"), "财务报表（更正）.pdf"),
            HttpStatusCode.Created);

        var second = await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);

        second["version"]!.GetValue<int>().Should().Be(2);
        ((string?)second["status"]).Should().Be("Submitted");
        ((string?)second["workflowInstanceId"]).Should().Be(instanceId, "a resubmission resumes the same workflow");
        var application = await _api.GetAsync($"/api/applications/{id}");
        application["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()).Should().Equal(1, 2);
        (await _api.GetAsync($"/api/applications/{id}/versions/1")).ToJsonString().Should().Be(v1.ToJsonString());
        var v2 = await _api.GetAsync($"/api/applications/{id}/versions/2");
        v2["profile"]!["financials"]![0]!["netProfit"]!.GetValue<decimal>().Should().Be(1300m);
        v2["documents"]!.AsArray().Select(d => (string?)d!["fileName"]).Should().Contain("财务报表（更正）.pdf").And.NotContain((string?)old["fileName"]);
        v1["documents"]!.AsArray().Select(d => (string?)d!["id"]).Should().Contain((string?)old["id"]);

        var (instances, openTasks) = await _api.WithDbAsync(async (db, _) =>
            (await db.WorkflowInstances.CountAsync(),
             await db.HumanTasks.Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open).ToListAsync()));
        instances.Should().Be(1);
        openTasks.Should().ContainSingle().Which.Role.Should().Be("reviewer");
    }

    [Fact]
    public async Task Documents_cannot_change_while_the_dossier_is_with_the_reviewers()
    {
        var (_, _, id) = await _api.CompleteDraftAsync();
        await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);
        var document = (await _api.GetAsync($"/api/applications/{id}"))["documents"]![0]!;

        await IntakeApi.ProblemAsync(await _api.Client.DeleteAsync($"/api/applications/{id}/documents/{document["id"]}"), HttpStatusCode.Conflict);
        await IntakeApi.ProblemAsync(await _api.UploadAsync(id, "other", IntakeApi.MinimalPdf("late"), "late.pdf"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_returned_application_can_be_withdrawn_and_the_workflow_closes()
    {
        var (_, _, id) = await _api.CompleteDraftAsync();
        var submitted = await IntakeApi.ExpectAsync(await _api.SubmitAsync(id), HttpStatusCode.OK);
        var instanceId = (string)submitted["workflowInstanceId"]!;

        var inReview = await IntakeApi.ProblemAsync(await _api.Client.PostAsync($"/api/applications/{id}/withdraw", null), HttpStatusCode.Conflict);
        ((string?)inReview["detail"]).Should().Contain("不在等待企业提交的环节");

        await ReturnForCorrectionAsync(id, instanceId, "请补充材料");
        var withdrawn = await IntakeApi.ExpectAsync(await _api.Client.PostAsync($"/api/applications/{id}/withdraw", null), HttpStatusCode.OK);

        ((string?)withdrawn["status"]).Should().Be("Withdrawn");
        ((string?)withdrawn["statusLabel"]).Should().Be("已撤回");
        var instance = await _api.WithDbAsync(async (db, _) => await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId));
        instance.Status.Should().Be("Finished");
        await IntakeApi.ProblemAsync(await _api.SubmitAsync(id), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_draft_cannot_be_withdrawn()
    {
        var (_, _, id) = await _api.CompleteDraftAsync();

        await IntakeApi.ProblemAsync(await _api.Client.PostAsync($"/api/applications/{id}/withdraw", null), HttpStatusCode.Conflict);
    }

    private Task SeedTitleAsync(string enterpriseId, string tier, DateOnly issuedOn, bool revoked = false) =>
        _api.WithDbAsync(async db =>
        {
            var title = Title.Issue(Guid.NewGuid().ToString(), enterpriseId, null, tier, $"T-{Guid.NewGuid():N}"[..24], "miit-2022", issuedOn, 3,
                DateTime.UtcNow);
            if (revoked) title.Revoke("提供虚假材料", issuedOn.AddYears(1));
            db.Titles.Add(title);
            await db.SaveChangesAsync();
        });

    /// <summary>
    /// What the reviewers' side (another branch) does on a return: the preliminary review task completes with Returned
    /// and the application is marked Returned, in one step. The workflow loops back to the enterprise's submission task.
    /// </summary>
    private Task ReturnForCorrectionAsync(string applicationId, string instanceId, string reason) =>
        _api.WithDbAsync<bool>(async (db, services) =>
        {
            var task = await db.HumanTasks.AsNoTracking()
                .SingleAsync(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open && t.Role == "reviewer");
            (await db.Applications.SingleAsync(a => a.Id == applicationId)).ReturnForCorrection(reason);
            var step = await services.GetRequiredService<WorkflowRuntime>()
                .ResumeAsync(task.Id, new JsonObject { ["outcome"] = "Returned", ["reason"] = reason }, "市级初审员");
            step.Applied.Should().BeTrue(step.Message);
            return true;
        });

    public void Dispose() => _api.Dispose();
}
