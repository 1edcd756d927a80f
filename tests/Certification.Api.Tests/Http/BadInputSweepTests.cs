using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Certification.Api.Tests.Identity;
using Certification.Api.Tests.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Certification.Api.Tests.Http;

/// <summary>
/// Every write operation of the OpenAPI document, fed malformed JSON, wrong types, out-of-range numbers, impossible
/// dates, oversized strings and deep nesting, answers a 4xx problem+json (a 400 names the field) and never a 5xx, and
/// the database is exactly as before: same row counts in every table, same audit chain.
/// Each request is signed in as the owner of what it aims at (see ResourceOwners), so the input is what gets refused.
/// </summary>
public sealed class BadInputSweepTests(ITestOutputHelper output) : IDisposable
{
    private const int Oversized = 100_000;
    private const int Depth = 200;

    /// <summary>
    /// The workflow tools check or test-run a document and store nothing; they report what is wrong with a well-formed
    /// document in their answer (200 with errors) by design. Malformed input is still a 400 for them.
    /// </summary>
    private static readonly HashSet<string> AnswersInBand = ["ValidateWorkflowDefinition", "SimulateWorkflowDefinition"];
    private readonly IntakeApi _api = new();
    private string? _expertId;

    /// <summary>A bad value aimed at one property, or at the body as a whole (Property null).</summary>
    private sealed record Case(string Operation, string Kind, string? Property, HttpRequestMessage Request, bool MustBe400);

    [Fact]
    public async Task Every_write_operation_refuses_bad_input_with_a_4xx_problem_and_changes_nothing()
    {
        var seeded = await SeedAsync();
        var openApi = await _api.GetAsync("/openapi/v1.json");
        var operations = WriteOperations(openApi).ToList();
        operations.Should().HaveCountGreaterThan(15);
        var before = await SnapshotAsync();

        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in operations)
        {
            seeded.Bodies.Keys.Concat(seeded.NoBody).Should().Contain(operation.Id, "every write operation needs its place in the sweep");
            foreach (var @case in CasesFor(operation, seeded, openApi))
            {
                sent++;
                var failure = await CheckAsync(@case);
                if (failure is not null) failures.Add(failure);
            }
        }

        output.WriteLine($"{operations.Count} write operations, {sent} bad requests");
        foreach (var failure in failures) output.WriteLine(failure);
        failures.Should().BeEmpty();
        (await SnapshotAsync()).Should().Equal(before, "nothing already stored may change");
    }

    private async Task<string?> CheckAsync(Case @case)
    {
        // The sweep's seat path names no seat, so no expert owns it; an expert account gets past the role policy and
        // the input is what gets refused.
        if (@case.Request.RequestUri!.OriginalString.StartsWith("/api/expert-assignments/", StringComparison.Ordinal))
            @case.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _api.Factory.TokenAsync(TestAccount.Expert(_expertId!)));
        using var response = await _api.Client.SendAsync(@case.Request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var label = $"{@case.Operation} {@case.Kind} {@case.Property ?? "(body)"}: {status}";
        if (status == 200 && !@case.MustBe400 && AnswersInBand.Contains(@case.Operation)) return null;
        if (status is < 400 or >= 500) return $"{label} {Clip(body)}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return $"{label} not problem+json";
        if (@case.MustBe400 && status != 400) return $"{label} expected 400 {Clip(body)}";
        if (status != 400) return null;
        var problem = JsonNode.Parse(body)!.AsObject();
        if (!problem.ContainsKey("field")) return $"{label} names no field {Clip(body)}";
        if (@case.Property is not null)
        {
            var fields = (problem["errors"]?.AsArray().Select(e => (string?)e!["field"]) ?? []).Append((string?)problem["field"]);
            if (!fields.Any(f => f is not null && f.Contains(@case.Property, StringComparison.OrdinalIgnoreCase)))
                return $"{label} names {string.Join(",", fields)} instead {Clip(body)}";
        }
        return null;
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300];

    // ---- what is sent ------------------------------------------------------------------------------------------

    private sealed record Operation(string Id, string Method, string Path, JsonNode? Schema, bool Multipart);

    private static IEnumerable<Operation> WriteOperations(JsonNode openApi)
    {
        foreach (var (path, item) in openApi["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        {
            if (method is not ("post" or "put" or "patch" or "delete")) continue;
            var content = operation!["requestBody"]?["content"]?.AsObject();
            var json = content?["application/json"]?["schema"];
            yield return new Operation((string)operation["operationId"]!, method.ToUpperInvariant(), path, json,
                content?.ContainsKey("multipart/form-data") == true);
        }
    }

    private IEnumerable<Case> CasesFor(Operation operation, Seeded seeded, JsonNode openApi)
    {
        var path = seeded.PathFor(operation.Path);
        if (operation.Multipart)
        {
            foreach (var @case in UploadCases(operation, path)) yield return @case;
            yield break;
        }
        if (!seeded.Bodies.TryGetValue(operation.Id, out var baseBody))
        {
            // No body: the inputs are the path's; an oversized or impossible id is a 4xx, never a 5xx.
            var huge = operation.Path.Replace("{version}", "99999999999");
            foreach (var name in new[] { "id", "docId", "taskId", "batchId", "definitionId" })
                huge = huge.Replace("{" + name + "}", new string('x', 5000));
            yield return new Case(operation.Id, "oversized-path", null, new HttpRequestMessage(new HttpMethod(operation.Method), huge), false);
            yield break;
        }

        yield return Send(operation, path, "malformed", null, "{\"a\": [1, 2", true);
        yield return Send(operation, path, "not-an-object", null, "[1, 2, 3]", true);
        yield return Send(operation, path, "bare-number", null, "42", true);
        yield return Send(operation, path, "deep-nesting", null, "{\"x\":" + new string('[', Depth) + new string(']', Depth) + "}", true);

        foreach (var (name, schema) in Properties(operation.Schema, openApi))
        {
            var kind = KindOf(schema, openApi);
            foreach (var (label, value, mustBe400) in BadValues(kind))
            {
                var body = baseBody.DeepClone().AsObject();
                body[name] = value?.DeepClone();
                yield return Send(operation, path, label, name, body.ToJsonString(), mustBe400);
            }
            var nested = (JsonObject)baseBody.DeepClone();
            nested[name] = Nest(Depth);
            yield return Send(operation, path, "deep-nesting", name, nested.ToJsonString(), true);
        }
    }

    private static JsonNode Nest(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 1; i < depth; i++) node = new JsonArray(node);
        return node;
    }

    private static IEnumerable<(string Label, JsonNode? Value, bool MustBe400)> BadValues(string kind)
    {
        switch (kind)
        {
            case "date":
                yield return ("impossible-date", "2026-02-30", true);
                yield return ("wrong-type", 20260230, true);
                yield return ("oversized", new string('9', Oversized), true);
                break;
            case "integer":
                yield return ("wrong-type", "twelve", true);
                yield return ("overflow", JsonNode.Parse("99999999999999999999999"), true);
                yield return ("out-of-range", int.MinValue, false);
                break;
            case "number":
                yield return ("wrong-type", "twelve", true);
                yield return ("overflow", JsonNode.Parse("1e400"), true);
                yield return ("out-of-range", -1e300, false);
                break;
            case "boolean":
                yield return ("wrong-type", "maybe", true);
                break;
            case "array":
                yield return ("wrong-type", "not a list", true);
                yield return ("oversized", new JsonArray(new string('x', Oversized)), false);
                break;
            case "object":
                yield return ("wrong-type", 42, true);
                break;
            default:
                yield return ("wrong-type", new JsonObject { ["x"] = 1 }, true);
                yield return ("oversized", new string('x', Oversized), false);
                yield return ("control-characters", "a\u0000b\u0001c", false);
                break;
        }
    }

    private static Case Send(Operation operation, string path, string kind, string? property, string json, bool mustBe400) =>
        new(operation.Id, kind, property, new HttpRequestMessage(new HttpMethod(operation.Method), path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        }, mustBe400);

    private static IEnumerable<Case> UploadCases(Operation operation, string path)
    {
        HttpRequestMessage Form(string item, byte[]? file, string fileName = "a.pdf")
        {
            var form = new MultipartFormDataContent { { new StringContent(item), "item" } };
            if (file is not null) form.Add(new ByteArrayContent(file), "file", fileName);
            return new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        }
        yield return new Case(operation.Id, "oversized", "item", Form(new string('x', Oversized), IntakeApi.MinimalPdf()), true);
        yield return new Case(operation.Id, "missing", "file", Form("business-license", null), true);
        yield return new Case(operation.Id, "wrong-type", "file", Form("business-license", IntakeApi.FakeExe()), true);
        yield return new Case(operation.Id, "oversized", "file", Form("business-license", IntakeApi.MinimalPdf(), new string('x', 5000) + ".exe"), true);
        var broken = new ByteArrayContent("--nope\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\nx"u8.ToArray());
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=other");
        yield return new Case(operation.Id, "malformed", "file", new HttpRequestMessage(HttpMethod.Post, path) { Content = broken }, true);
        yield return Send(operation, path, "not-multipart", null, "{\"item\": 1}", false);
    }

    // ---- the request schemas ------------------------------------------------------------------------------------

    private static JsonNode? Resolve(JsonNode? schema, JsonNode openApi)
    {
        for (var i = 0; i < 10 && schema is not null; i++)
        {
            if (schema["$ref"] is { } reference)
                schema = openApi["components"]!["schemas"]![((string)reference!).Split('/').Last()];
            else if (schema["oneOf"] is JsonArray oneOf)
                schema = oneOf.FirstOrDefault(s => s!["type"] is not JsonValue t || (string?)t != "null");
            else return schema;
        }
        return schema;
    }

    private static IEnumerable<(string Name, JsonNode Schema)> Properties(JsonNode? schema, JsonNode openApi) =>
        Resolve(schema, openApi)?["properties"]?.AsObject().Select(p => (p.Key, p.Value!)) ?? [];

    private static string KindOf(JsonNode schema, JsonNode openApi)
    {
        var resolved = Resolve(schema, openApi)!;
        if ((string?)resolved["format"] is "date" or "date-time") return "date";
        var types = resolved["type"] switch
        {
            JsonArray array => array.Select(t => (string?)t).ToList(),
            JsonValue value => [(string?)value],
            _ => [],
        };
        if (types.Contains("integer") || (string?)resolved["format"] is "int32" or "int64") return "integer";
        if (types.Contains("number") || (string?)resolved["format"] is "double" or "float" or "decimal") return "number";
        if (types.Contains("boolean")) return "boolean";
        if (types.Contains("array")) return "array";
        if (types.Contains("object") || resolved["properties"] is not null) return "object";
        if (resolved["enum"] is not null && !types.Contains("string")) return "object";
        return "string";
    }

    // ---- the data the requests aim at ---------------------------------------------------------------------------

    private sealed record Seeded(Dictionary<string, JsonObject> Bodies, string[] NoBody, Dictionary<string, string> Ids)
    {
        /// <summary>{id} is the row of the path's collection; the other parameters have one row each.</summary>
        public string PathFor(string template)
        {
            var collection = template.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "";
            var path = template.Replace("{id}", Ids.GetValueOrDefault(collection, "no-such-id"));
            foreach (var (name, value) in Ids) path = path.Replace("{" + name + "}", value);
            return path;
        }
    }

    /// <summary>
    /// Real rows for the path parameters (an enterprise, a batch, a submitted application with an open review task, a
    /// document on a draft) and a valid body per operation, so each bad value is the only thing wrong with a request.
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        var (enterpriseId, batchId, submittedId) = await _api.CompleteDraftAsync();
        await IntakeApi.ExpectAsync(await _api.SubmitAsync(submittedId), HttpStatusCode.OK);
        var draftId = (string)(await _api.CreateDraftAsync((string)(await _api.RegisterAsync())["id"]!, batchId))["id"]!;
        var document = await IntakeApi.ExpectAsync(await _api.UploadAsync(draftId, "business-license", IntakeApi.MinimalPdf(), "a.pdf"), HttpStatusCode.Created);
        var task = (await _api.GetAsync("/api/tasks?status=Open")).AsArray().First()!;
        var taskView = await _api.GetAsync($"/api/tasks/{task["id"]}");
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestFiles.RepositoryRoot, "workflows", "innovative.json")))!.AsObject();
        var today = IntakeApi.Today;
        var expert = await _api.Client.PostAsJsonAsync("/api/experts", new { name = "扫描专家", regionCode = "330106", fields = new[] { "智能制造" }, relatedCreditCodes = Array.Empty<string>() });
        _expertId = (string)(await IntakeApi.ExpectAsync(expert, HttpStatusCode.Created))["id"]!;
        // The accounts the sweep acts as are made now, before the snapshot: the seat's expert, and the enterprise
        // stranger that requests naming no real row are sent as.
        await _api.Factory.TokenAsync(TestAccount.Expert(_expertId));
        if (await _api.Owners.OfAsync(new HttpRequestMessage(HttpMethod.Post, "/api/applications/no-such-id/submit")) is { } stranger)
            await _api.Factory.TokenAsync(stranger);

        var bodies = new Dictionary<string, JsonObject>
        {
            ["EvaluateEnterprise"] = new() { ["tier"] = "innovative", ["asOf"] = today.ToString("yyyy-MM-dd"), ["profile"] = IntakeApi.SampleProfile() },
            ["LodgeObjection"] = new() { ["applicationId"] = submittedId, ["contactName"] = "张三", ["contactPhone"] = "13800000000", ["content"] = "对公示企业有异议" },
            ["ResolveObjection"] = new() { ["upheld"] = false, ["resolution"] = "经核实不成立" },
            ["ImportWorkflowDefinition"] = definition,
            ["ValidateWorkflowDefinition"] = definition,
            ["SimulateWorkflowDefinition"] = new() { ["definition"] = definition.DeepClone() },
            ["CompleteReviewTask"] = new() { ["outcome"] = (string)taskView["outcomes"]![0]!, ["reason"] = "材料不全" },
            ["RegisterExpert"] = new() { ["name"] = "李专家", ["regionCode"] = "330106", ["fields"] = new JsonArray("智能制造"), ["relatedCreditCodes"] = new JsonArray() },
            ["SubmitScores"] = new() { ["indicators"] = new JsonArray(new JsonObject { ["code"] = "rd-intensity", ["score"] = 5 }) },
            ["DeclineAssignment"] = new() { ["reason"] = "回避" },
            ["RegisterEnterprise"] = new() { ["creditCode"] = IntakeApi.NewCreditCode(), ["name"] = "扫描测试企业", ["regionCode"] = "330106" },
            ["UpdateEnterpriseProfile"] = IntakeApi.SampleProfile(),
            ["CreateBatch"] = new()
            {
                ["name"] = "扫描批次", ["tier"] = "innovative", ["regionPrefix"] = "33",
                ["opensOn"] = today.ToString("yyyy-MM-dd"), ["closesOn"] = today.AddDays(30).ToString("yyyy-MM-dd"),
            },
            ["ChangeBatchWindow"] = new() { ["opensOn"] = today.AddDays(-10).ToString("yyyy-MM-dd"), ["closesOn"] = today.AddDays(60).ToString("yyyy-MM-dd") },
            ["CreateApplication"] = new() { ["enterpriseId"] = enterpriseId, ["batchId"] = batchId },
            ["ConfirmReEvaluation"] = new() { ["outcome"] = "Renewed", ["reason"] = "复核材料齐全" },
            ["ReportChange"] = new() { ["kind"] = "rename", ["changedOn"] = today.AddDays(-10).ToString("yyyy-MM-dd"), ["description"] = "企业更名" },
            ["DecideChangeReport"] = new() { ["decision"] = "Kept", ["reason"] = "核实无误" },
            ["RevokeTitle"] = new() { ["reason"] = "false-information", ["detail"] = "申报材料不实" },
            ["CreateCriteriaDraft"] = new() { ["version"] = "sweep-draft", ["extends"] = "miit-2022", ["title"] = "扫描草稿", ["region"] = "33" },
            ["SubmitAnnualUpdate"] = new() { ["year"] = 2025, ["profile"] = IntakeApi.SampleProfile() },
            // An unknown user: a refused sign-in counts no failure against any stored account.
            ["Login"] = new() { ["userName"] = "sweep-nobody", ["password"] = "not-a-password" },
        };
        var ids = new Dictionary<string, string>
        {
            ["applications"] = draftId, ["enterprises"] = enterpriseId, ["tasks"] = (string)task["id"]!,
            ["batchId"] = batchId, ["taskId"] = (string)task["id"]!, ["docId"] = (string)document["id"]!,
            ["definitionId"] = "no-such-definition", ["version"] = "1",
        };
        string[] noBody =
        [
            "RecommendWithinQuota", "FillPanel", "PublishWorkflowDefinition", "RetractWorkflowDefinition", "SubmitApplication",
            "WithdrawApplication", "UploadDocument", "DeleteDocument", "SubmitReEvaluationData", "PublishCriteriaVersion",
        ];
        return new Seeded(bodies, noBody, ids);
    }

    /// <summary>Row counts of every table the model maps, and the audit head.</summary>
    private Task<List<string>> SnapshotAsync() => _api.WithDbAsync(async (db, _) =>
    {
        var lines = new List<string>();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).Distinct().Order())
        {
            var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            var count = await db.Database.SqlQueryRaw<int>(sql).SingleAsync();
            lines.Add($"{table}: {count}");
        }
        var head = await db.AuditHeads.AsNoTracking().SingleAsync();
        lines.Add($"audit head: {head.LastSequence} {head.LastHash}");
        return lines;
    });

    public void Dispose() => _api.Dispose();
}
