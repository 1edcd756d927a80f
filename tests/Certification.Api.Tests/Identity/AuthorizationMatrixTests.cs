using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Certification.Api.Tests.Dynamic;
using Certification.Api.Tests.Lifecycle;
using Certification.Domain.Review;
using Certification.Workflows.Access;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Tests.Identity;

/// <summary>
/// Every operation of the OpenAPI document, called by every kind of caller: anonymous, the owning enterprise and
/// another enterprise, reviewers of both stages inside and outside the region, the seat's expert and an expert
/// without a seat, the administrator, and regulators inside and outside the region. Each answer must be what the
/// operation's policy and the caller's scope say: 401 without sign-in, 403 for a role that may never do it, 404 for
/// a row outside the caller's scope, otherwise through the door ("ok": any answer but 401/403/404 or a 5xx, e.g.
/// 200, 201, or a 400/409 about the content). An operation missing from the table fails the test, so a new endpoint
/// must be given its row.
/// </summary>
public sealed class AuthorizationMatrixTests : IDisposable
{
    private static readonly string[] Actors = ["anon", "ent", "ent2", "pre", "pre44", "frm", "frm44", "exp", "exp2", "adm", "reg", "reg44"];

    private readonly ReviewScenario _s = new();

    private sealed record Operation(HttpMethod Method, Func<Ids, string> Path, Func<Ids, HttpContent?> Body, string Owner, string Expected);

    private sealed record Ids(
        string S, string SEnterprise, string SBatch, string SPanelTask, string SSeat, string SeatExpert, string UnseatedExpert,
        string P, string Objection, string QTask,
        string A, string AEnterprise, string ABatch, string ADocument, string ADocumentToDelete, string Stranger,
        string STitle, string SReEvaluation, string SChangeReport);

    //                                              anon ent  ent2 pre  pre44 frm  frm44 exp  exp2 adm  reg  reg44
    private static readonly Dictionary<string, Operation> Table = new()
    {
        ["Health"] = Get(_ => "/health", "S",                          "ok   ok   ok   ok   ok    ok   ok    ok   ok   ok   ok   ok"),
        ["Login"] = Post(_ => "/api/auth/login", new { }, "S",          "400  400  400  400  400   400  400   400  400  400  400  400"),
        ["GetCurrentUser"] = Get(_ => "/api/auth/me", "S",              "401  ok   ok   ok   ok    ok   ok    ok   ok   ok   ok   ok"),
        ["EvaluateEnterprise"] = Post(_ => "/api/evaluations", new { }, "S", "401 ok ok   ok   ok    ok   ok    ok   ok   ok   ok   ok"),
        ["ListWorkflowDefinitions"] = Get(_ => "/api/workflows/definitions", "S", Admin),
        ["ImportWorkflowDefinition"] = Post(_ => "/api/workflows/definitions", new { }, "S", Admin),
        ["ExportWorkflowDefinition"] = Get(_ => "/api/workflows/definitions/innovative-certification", "S", Admin),
        ["PublishWorkflowDefinition"] = Post(_ => "/api/workflows/definitions/innovative-certification/versions/1/publish", null, "S", Admin),
        ["ValidateWorkflowDefinition"] = Post(_ => "/api/workflows/validate", new { }, "S", Admin),
        ["SimulateWorkflowDefinition"] = Post(_ => "/api/workflows/simulate", new { }, "S", Admin),
        ["DescribeWorkflowActivities"] = Get(_ => "/api/workflows/activities", "S", Admin),
        ["ExportApprovedList"] = Get(_ => "/api/exports/approved?region=33&format=csv", "S",
                                                                        "401  403  403  ok   403   ok   403   403  403  ok   ok   403"),
        ["GetAnnouncement"] = Get(i => $"/api/public/batches/{i.SBatch}/announcement", "S",
                                                                        "404  404  404  404  404   404  404   404  404  404  404  404"),
        ["CountTitles"] = Get(_ => "/api/statistics/titles?region=33", "S", Statistics),
        ["GetBatchFunnels"] = Get(_ => "/api/statistics/funnel?region=33", "S", Statistics),
        ["GetScoreDistribution"] = Get(_ => "/api/statistics/scores?region=33", "S", Statistics),
        ["CountExpiringTitles"] = Get(_ => "/api/statistics/expiring?region=33", "S", Statistics),
        ["ListAuditEntries"] = Get(_ => "/api/audit", "S",              "401  403  403  403  403   403  403   403  403  ok   403  403"),
        ["VerifyAuditChain"] = Get(_ => "/api/audit/verify", "S",       "401  403  403  403  403   403  403   403  403  ok   ok   ok"),
        ["ListTasks"] = Get(_ => "/api/tasks", "S",                     "401  403  403  ok   ok    ok   ok    ok   ok   ok   ok   ok"),
        ["GetTask"] = Get(i => $"/api/tasks/{i.QTask}", "S",            "401  403  403  ok   404   404  404   404  404  ok   ok   404"),
        ["RegisterExpert"] = Post(_ => "/api/experts", new { }, "S", Admin),
        ["ListExperts"] = Get(_ => "/api/experts", "S",                 "401  403  403  403  403   403  403   403  403  ok   ok   ok"),
        ["ListExpertAssignments"] = Get(i => $"/api/experts/{i.SeatExpert}/assignments", "S",
                                                                        "401  403  403  403  403   403  403   ok   404  ok   403  403"),
        ["GetScoreSheet"] = Get(i => $"/api/expert-assignments/{i.SSeat}", "S",
                                                                        "401  403  403  403  403   403  403   ok   404  ok   403  403"),
        ["ListPublicity"] = Get(_ => "/api/public/publicity", "S",      "ok   ok   ok   ok   ok    ok   ok    ok   ok   ok   ok   ok"),
        ["ListObjections"] = Get(_ => "/api/objections", "S",           "401  403  403  ok   ok    ok   ok    403  403  ok   ok   ok"),
        ["GetApplicationTimeline"] = Get(i => $"/api/applications/{i.S}/timeline", "S", ReadS),
        ["GetApplication"] = Get(i => $"/api/applications/{i.S}", "S", ReadS),
        ["GetApplicationVersion"] = Get(i => $"/api/applications/{i.S}/versions/1", "S", ReadS),
        ["ListApplications"] = Get(_ => "/api/applications", "S",       "401  ok   ok   ok   ok    ok   ok    ok   ok   ok   ok   ok"),
        ["GetDocumentContent"] = Get(i => $"/api/applications/{i.A}/documents/{i.ADocument}/content", "A",
                                                                        "401  ok   404  404  404   404  404   404  404  ok   ok   404"),
        ["FindEnterprises"] = Get(_ => "/api/enterprises", "S",         "401  ok   ok   ok   ok    ok   ok    403  403  ok   ok   ok"),
        ["GetEnterprise"] = Get(i => $"/api/enterprises/{i.SEnterprise}", "S", ReadEnterprise),
        ["GetEnterpriseProfile"] = Get(i => $"/api/enterprises/{i.SEnterprise}/profile", "S", ReadEnterprise),
        ["ListEnterpriseTitles"] = Get(i => $"/api/enterprises/{i.SEnterprise}/titles", "S", ReadEnterprise),
        ["ListBatches"] = Get(_ => "/api/batches", "S",                 "401  ok   ok   ok   ok    ok   ok    ok   ok   ok   ok   ok"),
        ["GetBatch"] = Get(i => $"/api/batches/{i.SBatch}", "S",        "401  ok   ok   ok   404   ok   404   ok   ok   ok   ok   404"),
        ["ListReEvaluations"] = Get(_ => "/api/re-evaluations", "S",    "401  ok   ok   ok   ok    ok   ok    403  403  ok   ok   ok"),
        ["GetReEvaluation"] = Get(i => $"/api/re-evaluations/{i.SReEvaluation}", "S", ReadEnterprise),
        ["ListEnterpriseChangeReports"] = Get(i => $"/api/enterprises/{i.SEnterprise}/change-reports", "S", ReadEnterprise),
        ["ListChangeReports"] = Get(_ => "/api/change-reports", "S",    Oversight),
        ["GetChangeReport"] = Get(i => $"/api/change-reports/{i.SChangeReport}", "S", ReadEnterprise),
        ["ListRevocationReasons"] = Get(_ => "/api/revocation-reasons", "S", "401 ok ok ok ok    ok   ok    ok   ok   ok   ok   ok"),
        ["ListCriteriaVersions"] = Get(_ => "/api/criteria-versions", "S", Oversight),
        ["GetCriteriaVersion"] = Get(_ => "/api/criteria-versions/miit-2022", "S", Oversight),
        ["PreviewCriteriaVersion"] = Get(_ => "/api/criteria-versions/miit-2022/preview", "S",
                                                                        "401  403  403  403  403   403  403   403  403  ok   ok   ok"),
        ["ListAnnualUpdates"] = Get(i => $"/api/enterprises/{i.SEnterprise}/annual-updates", "S", ReadEnterprise),
        ["GetWatchList"] = Get(_ => "/api/watch-list", "S",             Oversight),
        // writes: the permitted callers go last, so that what they change does not decide the others' answers
        ["RegisterEnterprise"] = Post(_ => "/api/enterprises", new { }, "S", Admin),
        ["CreateBatch"] = Post(_ => "/api/batches", new { }, "S", Admin),
        ["ChangeBatchWindow"] = new(HttpMethod.Put, i => $"/api/batches/{i.SBatch}/window", _ => JsonContent.Create(new { }), "S", Admin),
        ["UpdateEnterpriseProfile"] = new(HttpMethod.Put, i => $"/api/enterprises/{i.AEnterprise}/profile", _ => JsonContent.Create(IntakeApi.SampleProfile()), "A", OwnEnterprise),
        ["CreateApplication"] = new(HttpMethod.Post, _ => "/api/applications", i => JsonContent.Create(new { enterpriseId = i.AEnterprise, batchId = i.ABatch }), "A",
                                                                        "401  ok   400  403  403   403  403   403  403  403  403  403"),
        ["UploadDocument"] = new(HttpMethod.Post, i => $"/api/applications/{i.A}/documents", _ => Upload(), "A", OwnEnterprise),
        ["DeleteDocument"] = new(HttpMethod.Delete, i => $"/api/applications/{i.A}/documents/{i.ADocumentToDelete}", _ => null, "A", OwnEnterprise),
        ["SubmitApplication"] = Post(i => $"/api/applications/{i.A}/submit", null, "A", OwnEnterprise),
        ["WithdrawApplication"] = Post(i => $"/api/applications/{i.A}/withdraw", null, "A", OwnEnterprise),
        ["LodgeObjection"] = new(HttpMethod.Post, _ => "/api/public/objections", i => JsonContent.Create(new
            { applicationId = i.P, contactName = "公众", contactPhone = "13900000000", content = "该企业研发费用数据存疑" }), "S",
                                                                        "ok   ok   ok   ok   ok    ok   ok    ok   ok   ok   ok   ok"),
        ["ResolveObjection"] = Post(i => $"/api/objections/{i.Objection}/resolve", new { upheld = false, resolution = "经核实不成立" }, "S",
                                                                        "401  403  403  403  403   ok   404   403  403  403  403  403"),
        ["CompleteReviewTask"] = Post(i => $"/api/tasks/{i.QTask}/complete", new { outcome = "Recommended" }, "S",
                                                                        "401  403  403  ok   404   404  404   403  403  403  403  403"),
        ["RecommendWithinQuota"] = Post(i => $"/api/batches/{i.SBatch}/recommendations", null, "S",
                                                                        "401  403  403  ok   404   403  403   403  403  403  403  403"),
        ["FillPanel"] = Post(i => $"/api/expert-panels/{i.SPanelTask}/fill", null, "S", Admin),
        ["SubmitScores"] = Post(i => $"/api/expert-assignments/{i.SSeat}/scores", new { indicators = Array.Empty<object>() }, "S",
                                                                        "401  403  403  403  403   403  403   ok   404  403  403  403"),
        ["DeclineAssignment"] = Post(i => $"/api/expert-assignments/{i.SSeat}/decline", new { reason = "时间冲突" }, "S",
                                                                        "401  403  403  403  403   403  403   ok   404  403  403  403"),
        ["SubmitAnnualUpdate"] = Post(i => $"/api/enterprises/{i.SEnterprise}/annual-updates", new { year = 2025, profile = IntakeApi.SampleProfile() }, "S", OwnEnterprise),
        ["ReportChange"] = Post(i => $"/api/enterprises/{i.SEnterprise}/change-reports",
            new { kind = "rename", changedOn = "2026-02-01", description = "企业更名" }, "S", OwnEnterprise),
        ["SubmitReEvaluationData"] = Post(i => $"/api/re-evaluations/{i.SReEvaluation}/submit", null, "S", OwnEnterprise),
        ["ConfirmReEvaluation"] = Post(i => $"/api/re-evaluations/{i.SReEvaluation}/confirm", new { outcome = "Lapsed", reason = "矩阵测试" }, "S", FormalOfficer),
        ["DecideChangeReport"] = Post(i => $"/api/change-reports/{i.SChangeReport}/decide", new { decision = "Kept", reason = "核实无误" }, "S", FormalOfficer),
        ["RevokeTitle"] = Post(i => $"/api/titles/{i.STitle}/revoke", new { reason = "false-information" }, "S", FormalOfficer),
        ["CreateCriteriaDraft"] = Post(_ => "/api/criteria-versions", new { }, "S", Admin),
        ["PublishCriteriaVersion"] = Post(_ => "/api/criteria-versions/miit-2022/publish", null, "S", Admin),
        ["RetractWorkflowDefinition"] = Post(_ => "/api/workflows/definitions/re-evaluation/retract", null, "S", Admin),
    };

    private const string Admin =                                        "401  403  403  403  403   403  403   403  403  ok   403  403";
    private const string Statistics =                                   "401  403  403  403  403   403  403   403  403  ok   ok   403";
    private const string ReadS =                                        "401  ok   404  ok   404   ok   404   ok   404  ok   ok   404";
    private const string ReadEnterprise =                               "401  ok   404  ok   404   ok   404   403  403  ok   ok   404";
    private const string OwnEnterprise =                                "401  ok   404  403  403   403  403   403  403  403  403  403";
    private const string Oversight =                                    "401  403  403  ok   ok    ok   ok    403  403  ok   ok   ok";
    // Officers' decisions of dynamic management: the formal stage of the region, and administrators.
    private const string FormalOfficer =                                "401  403  403  403  403   ok   404   403  403  ok   403  403";

    private static Operation Get(Func<Ids, string> path, string owner, string expected) => new(HttpMethod.Get, path, _ => null, owner, expected);

    private static Operation Post(Func<Ids, string> path, object? body, string owner, string expected) =>
        new(HttpMethod.Post, path, _ => body is null ? null : JsonContent.Create(body), owner, expected);

    private static MultipartFormDataContent Upload()
    {
        var form = new MultipartFormDataContent { { new StringContent("other"), "item" } };
        var file = new ByteArrayContent(IntakeApi.MinimalPdf("matrix"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "补充材料.pdf");
        return form;
    }

    [Fact]
    public async Task Every_operation_answers_every_caller_as_its_policy_and_the_callers_scope_say()
    {
        var document = JsonNode.Parse(await _s.Anonymous.GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (Path: p.Key, Method: m.Key, Id: (string?)m.Value!["operationId"],
                Policy: (string?)m.Value!["x-policy"])))
            .ToList();
        operations.Should().OnlyContain(o => o.Id != null, "every operation is named");
        operations.Where(o => o.Policy is null or "undeclared").Should().BeEmpty("every operation shows its policy");
        operations.Select(o => o.Id).Where(id => !Table.ContainsKey(id!)).Should()
            .BeEmpty("every operation of the API needs its row in the authorization matrix");
        Table.Keys.Except(operations.Select(o => o.Id!)).Should().BeEmpty("the matrix lists only operations that exist");

        var ids = await SeedAsync();
        var failures = new List<string>();
        var calls = 0;
        foreach (var (name, operation) in Table)
        {
            var expected = operation.Expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            expected.Should().HaveCount(Actors.Length, $"the row of {name}");
            // Refusals first, then the callers let through (whose writes may change the state).
            foreach (var i in Enumerable.Range(0, Actors.Length).OrderBy(i => expected[i] == "ok"))
            {
                var status = await CallAsync(operation, ids, Actors[i]);
                calls++;
                var code = (int)status;
                var as_expected = expected[i] == "ok"
                    ? code is not (401 or 403 or 404) && code < 500
                    : code.ToString() == expected[i];
                if (!as_expected) failures.Add($"{name} as {Actors[i]}: expected {expected[i]}, got {code}");
            }
        }
        failures.Should().BeEmpty();
        calls.Should().Be(Table.Count * Actors.Length);
    }

    private async Task<HttpStatusCode> CallAsync(Operation operation, Ids ids, string actor)
    {
        using var request = new HttpRequestMessage(operation.Method, operation.Path(ids)) { Content = operation.Body(ids) };
        if (Account(actor, operation.Owner, ids) is { } account)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _s.Factory.TokenAsync(account));
        using var response = await _s.Anonymous.SendAsync(request);
        return response.StatusCode;
    }

    private static TestAccount? Account(string actor, string owner, Ids ids) => actor switch
    {
        "anon" => null,
        "ent" => TestAccount.Enterprise(owner == "A" ? ids.AEnterprise : ids.SEnterprise),
        "ent2" => TestAccount.Enterprise(ids.Stranger),
        "pre" => TestAccount.Reviewer(Roles.Stages.Preliminary, "33"),
        "pre44" => TestAccount.Reviewer(Roles.Stages.Preliminary, "44"),
        "frm" => TestAccount.Reviewer(Roles.Stages.Formal, "33"),
        "frm44" => TestAccount.Reviewer(Roles.Stages.Formal, "44"),
        "exp" => TestAccount.Expert(ids.SeatExpert),
        "exp2" => TestAccount.Expert(ids.UnseatedExpert),
        "adm" => TestAccount.Admin,
        "reg" => TestAccount.Regulator("33"),
        "reg44" => TestAccount.Regulator("44"),
        _ => throw new ArgumentOutOfRangeException(nameof(actor)),
    };

    /// <summary>
    /// S: a specialized application of Zhejiang (330106) at its expert panel; P: an innovative one in publicity with an
    /// objection; Q: one waiting for preliminary review; A: a draft with its documents; and an enterprise of Beijing.
    /// </summary>
    private async Task<Ids> SeedAsync()
    {
        var experts = new List<string>();
        for (var i = 1; i <= 4; i++) experts.Add(await _s.AddExpertAsync($"矩阵专家{i}", "330102", $"matrix-expert{i}"));
        var s = await _s.SubmitAsync(8, regionCode: "330106");
        await _s.CompleteAsync(s.ApplicationId, "Certification.PreliminaryReview", "Recommended");
        await _s.CompleteAsync(s.ApplicationId, "Certification.FormalReview", "Passed");
        var panel = await _s.OpenTaskAsync(s.ApplicationId, "Certification.ExpertScoring");
        var panelId = panel["id"]!.GetValue<string>();
        var seats = await _s.Db(db => db.ExpertAssignments.AsNoTracking()
            .Where(a => a.PanelTaskId == panelId && a.Status != ExpertAssignmentStatus.Declined).ToListAsync());
        var unseated = experts.Except(seats.Select(a => a.ExpertId)).First();

        var p = await _s.SubmitAsync(0);
        await _s.CompleteAsync(p.ApplicationId, "Certification.PreliminaryReview", "Recommended");
        await _s.CompleteAsync(p.ApplicationId, "Certification.FormalReview", "Passed");
        var objection = await _s.OkAsync(_s.PostAsync("/api/public/objections", new
            { applicationId = p.ApplicationId, contactName = "张先生", contactPhone = "13800000001", content = "申报数据与实际不符" }), HttpStatusCode.Created);
        var q = await _s.SubmitAsync(0);
        var qTask = await _s.OpenTaskAsync(q.ApplicationId, "Certification.PreliminaryReview");

        var enterprise = await _s.OkAsync(_s.PostAsync("/api/enterprises", new
            { creditCode = ReviewScenario.NewCreditCode(), name = "矩阵测试有限公司", regionCode = "330106" }), HttpStatusCode.Created);
        var aEnterprise = enterprise["id"]!.GetValue<string>();
        await _s.OkAsync(_s.SendAsync(HttpMethod.Put, $"/api/enterprises/{aEnterprise}/profile", IntakeApi.SampleProfile()));
        var batch = await _s.OkAsync(_s.PostAsync("/api/batches", new
            { name = "矩阵批次", tier = "innovative", regionPrefix = "33", opensOn = "2026-03-01", closesOn = "2026-03-31" }), HttpStatusCode.Created);
        var aBatch = batch["id"]!.GetValue<string>();
        var draft = await _s.OkAsync(_s.PostAsync("/api/applications", new { enterpriseId = aEnterprise, batchId = aBatch }), HttpStatusCode.Created);
        var a = draft["id"]!.GetValue<string>();
        var documents = new List<string>();
        foreach (var item in draft["checklist"]!.AsArray().Where(i => (bool)i!["required"]!).Select(i => (string)i!["item"]!).Append("other"))
        {
            var form = new MultipartFormDataContent { { new StringContent(item), "item" } };
            var file = new ByteArrayContent(IntakeApi.MinimalPdf(item));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", item + ".pdf");
            var uploaded = await _s.Client.PostAsync($"/api/applications/{a}/documents", form);
            documents.Add((await IntakeApi.ExpectAsync(uploaded, HttpStatusCode.Created))["id"]!.GetValue<string>());
        }
        var stranger = await _s.OkAsync(_s.PostAsync("/api/enterprises", new
            { creditCode = ReviewScenario.NewCreditCode(), name = "另一家企业有限公司", regionCode = "110108" }), HttpStatusCode.Created);

        // S's enterprise also holds a title that expires within the re-evaluation window (opened now), and has reported a change.
        var title = await DynamicScenario.AddTitleAsync(_s, s.EnterpriseId, "innovative", new DateOnly(2023, 5, 1));
        (await DynamicScenario.OpenDueReEvaluationsAsync(_s)).Should().Be(1);
        var reEvaluation = await _s.Db(db => db.ReEvaluations.AsNoTracking().SingleAsync(r => r.TitleId == title.Id));
        var change = await _s.OkAsync(_s.PostAsync($"/api/enterprises/{s.EnterpriseId}/change-reports",
            new { kind = "merger", changedOn = "2026-01-10", description = "吸收合并子公司" }), HttpStatusCode.Created);

        return new Ids(s.ApplicationId, s.EnterpriseId, s.BatchId, panelId, seats[0].Id, seats[0].ExpertId, unseated,
            p.ApplicationId, objection["id"]!.GetValue<string>(), qTask["id"]!.GetValue<string>(),
            a, aEnterprise, aBatch, documents[0], documents[^1], stranger["id"]!.GetValue<string>(),
            title.Id, reEvaluation.Id, change["id"]!.GetValue<string>());
    }

    public void Dispose() => _s.Dispose();
}
