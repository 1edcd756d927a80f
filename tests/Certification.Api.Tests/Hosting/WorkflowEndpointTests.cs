using Certification.Api.Tests.Identity;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Certification.Api.Tests.Hosting;

public sealed class WorkflowEndpointTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private HttpClient Client => _factory.CreateClientAs(TestAccount.Admin);
    private static string Shipped(string name) => File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "workflows", name));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_shipped_definitions_are_listed_published_after_the_first_start()
    {
        var list = JsonNode.Parse(await Client.GetStringAsync("/api/workflows/definitions"))!.AsArray();

        list.Where(d => (bool)d!["isPublished"]!).Select(d => (string?)d!["definitionId"])
            .Should().BeEquivalentTo(["innovative-certification", "specialized-certification", "little-giant-certification", "re-evaluation", "change-report"]);
    }

    [Fact]
    public async Task Import_publish_and_export_a_new_version()
    {
        var imported = await Client.PostAsync("/api/workflows/definitions", Json(Shipped("innovative.json")));
        imported.StatusCode.Should().Be(HttpStatusCode.Created);
        var draft = JsonNode.Parse(await imported.Content.ReadAsStringAsync())!;
        ((int)draft["version"]!).Should().Be(2);
        ((bool)draft["isPublished"]!).Should().BeFalse();

        var published = await Client.PostAsync("/api/workflows/definitions/innovative-certification/versions/2/publish", null);
        published.StatusCode.Should().Be(HttpStatusCode.OK);

        var exported = JsonNode.Parse(await Client.GetStringAsync("/api/workflows/definitions/innovative-certification?version=2"))!;
        ((bool)exported["isPublished"]!).Should().BeTrue();
        ((string?)exported["definitionId"]).Should().Be("innovative-certification");
        var list = JsonNode.Parse(await Client.GetStringAsync("/api/workflows/definitions"))!.AsArray();
        list.Single(d => (string?)d!["definitionId"] == "innovative-certification" && (int)d["version"]! == 1)!["isPublished"]!
            .GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Publishing_an_invalid_draft_is_a_400_naming_the_activity()
    {
        var document = JsonNode.Parse(Shipped("specialized.json"))!;
        document["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "orphan", ["name"] = "孤立活动", ["type"] = "Elsa.End" });
        await Client.PostAsync("/api/workflows/definitions", Json(document.ToJsonString()));

        var response = await Client.PostAsync("/api/workflows/definitions/specialized-certification/versions/2/publish", null);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("orphan");
    }

    [Fact]
    public async Task Validate_and_simulate_a_definition_without_storing_it()
    {
        var validity = JsonNode.Parse(await (await Client.PostAsync("/api/workflows/validate", Json(Shipped("little-giant.json")))).Content.ReadAsStringAsync())!;
        ((bool)validity["valid"]!).Should().BeTrue();

        var body = new JsonObject
        {
            ["definition"] = JsonNode.Parse(Shipped("innovative.json")),
            ["events"] = new JsonArray(new JsonObject { ["task"] = "awaitSubmission", ["outcome"] = "Withdrawn" }),
        };
        var report = JsonNode.Parse(await (await Client.PostAsJsonAsync("/api/workflows/simulate", body)).Content.ReadAsStringAsync())!;
        ((string?)report["status"]).Should().Be("Finished");
        report["executed"]!.AsArray().Select(n => (string?)n).Should().Contain("closeUnsubmitted");
    }

    [Fact]
    public async Task The_activity_registry_describes_the_certification_activities_with_their_outcomes()
    {
        var activities = JsonNode.Parse(await Client.GetStringAsync("/api/workflows/activities"))!.AsArray();

        var publicity = activities.Single(a => (string?)a!["typeName"] == "Certification.Publicity")!;
        publicity.ToJsonString().Should().Contain("Clear").And.Contain("ObjectionUpheld");
    }

    public void Dispose() => _factory.Dispose();
}
