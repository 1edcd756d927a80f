using System.Text.Json.Nodes;
using static Certification.Api.Tests.CliRunner;

namespace Certification.Api.Tests.Hosting;

public sealed class WorkflowsVerbTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cert-wf-" + Guid.NewGuid().ToString("N"));
    private string Db => Path.Combine(_folder, "cli.db");
    private static string Shipped(string name) => Path.Combine(TestFiles.RepositoryRoot, "workflows", name);

    public WorkflowsVerbTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Validate_accepts_a_shipped_definition_with_exit_0()
    {
        var (exit, output, _) = await Run("workflows", "validate", "--definition", Shipped("specialized.json"));

        exit.Should().Be(0);
        var result = JsonNode.Parse(output)!;
        result["valid"]!.GetValue<bool>().Should().BeTrue();
        result["errors"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Validate_reports_a_dangling_connection_naming_the_activity_and_the_missing_target_with_exit_1()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Shipped("innovative.json")))!;
        document["root"]!["connections"]!.AsArray().Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = "certify", ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = "ghost", ["port"] = "In" },
        });
        var file = TestFiles.TempFile("dangling.json", document.ToJsonString());

        var (exit, output, _) = await Run("workflows", "validate", "--definition", file);

        exit.Should().Be(1);
        var errors = JsonNode.Parse(output)!["errors"]!.AsArray();
        errors.Should().Contain(e => (string?)e!["activityId"] == "certify" && ((string?)e["message"])!.Contains("ghost"));
        errors.Should().OnlyContain(e => e!["activityName"] != null && e["message"] != null);
    }

    [Fact]
    public async Task Validate_exits_2_when_the_file_is_not_json()
    {
        var file = TestFiles.TempFile("broken.json", "{ \"root\": ");

        var (exit, _, error) = await Run("workflows", "validate", "--definition", file);

        exit.Should().Be(2);
        error.Should().Contain(file);
    }

    [Fact]
    public async Task Simulate_prints_the_report_of_a_run_driven_by_events()
    {
        var events = TestFiles.TempFile("events.json", """
            [{"task": "awaitSubmission", "outcome": "Submitted"},
             {"task": "preliminaryReview", "outcome": "Recommended"},
             {"task": "formalReview", "outcome": "Rejected"}]
            """);

        var (exit, output, _) = await Run("workflows", "simulate", "--definition", Shipped("innovative.json"), "--events", events);

        exit.Should().Be(0);
        var report = JsonNode.Parse(output)!.AsObject();
        report.Select(p => p.Key).Should().BeEquivalentTo(["status", "executed", "waitingOn", "variables", "error"]);
        ((string?)report["status"]).Should().Be("Finished");
        report["executed"]!.AsArray().Select(n => (string?)n).Should().Contain("rejectReview");
    }

    [Fact]
    public async Task Import_then_export_round_trips_and_numbers_versions_in_the_database()
    {
        var first = await Run("workflows", "import", Shipped("innovative.json"), "--db", Db);
        var second = await Run("workflows", "import", Shipped("innovative.json"), "--publish", "--db", Db);
        var exported = Path.Combine(_folder, "export.json");
        var export = await Run("workflows", "export", "innovative-certification", "--version", "2", "--out", exported, "--db", Db);

        first.Exit.Should().Be(0);
        JsonNode.Parse(first.Out)!["version"]!.GetValue<int>().Should().Be(1);
        JsonNode.Parse(second.Out)!["version"]!.GetValue<int>().Should().Be(2);
        JsonNode.Parse(second.Out)!["isPublished"]!.GetValue<bool>().Should().BeTrue();
        export.Exit.Should().Be(0);
        var original = JsonNode.Parse(await File.ReadAllTextAsync(Shipped("innovative.json")))!.AsObject();
        var roundTripped = JsonNode.Parse(await File.ReadAllTextAsync(exported))!.AsObject();
        foreach (var flag in new[] { "version", "isLatest", "isPublished" })
        {
            original.Remove(flag);
            roundTripped.Remove(flag);
        }
        JsonNode.DeepEquals(original, roundTripped).Should().BeTrue();
    }

    [Fact]
    public async Task Export_of_an_unknown_definition_exits_2()
    {
        var (exit, _, error) = await Run("workflows", "export", "nothing-here", "--out", Path.Combine(_folder, "x.json"), "--db", Db);

        exit.Should().Be(2);
        error.Should().Contain("nothing-here");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
