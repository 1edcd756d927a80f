using System.Net;
using System.Text.Json.Nodes;
using Certification.Api.Tests.Lifecycle;
using Microsoft.Data.Sqlite;
using static Certification.Api.Tests.CliRunner;

namespace Certification.Api.Tests.Audit;

/// <summary>The audit log over HTTP and on the operators' command line.</summary>
public sealed class AuditApiTests : IDisposable
{
    private readonly IntakeApi _api = new();

    [Fact]
    public async Task Commands_over_http_are_listed_newest_first_and_the_chain_verifies()
    {
        var (enterpriseId, _, applicationId) = await _api.CompleteDraftAsync();
        await IntakeApi.ExpectAsync(await _api.SubmitAsync(applicationId), HttpStatusCode.OK);

        var page = await _api.GetAsync("/api/audit?pageSize=200");
        var items = page["items"]!.AsArray();
        ((string?)items[0]!["operation"]).Should().Be("SubmitApplication");
        var submit = items[0]!["changes"]!.AsArray();
        submit.Should().Contain(r => (string?)r!["table"] == "Applications" && (string?)r["kind"] == "modified"
                                     && (string?)r["before"]!["Status"] == "Draft");
        submit.Should().Contain(r => (string?)r!["table"] == "WorkflowInstances" && (string?)r["kind"] == "added",
            "the workflow started in the same commit is part of the same entry");
        string[] runtime = ["WorkflowInstances", "Bookmarks", "HumanTasks", "JournalEntries"];
        var tables = submit.Select(r => (string)r!["table"]!).ToList();
        runtime.Should().NotContain(tables.First(), "an entry leads with the business rows");
        tables.SkipWhile(t => !runtime.Contains(t)).Should().OnlyContain(t => runtime.Contains(t), "the workflow's own rows come after them");
        items.Select(i => (string?)i!["operation"]).Should().Contain(["RegisterEnterprise", "UpdateEnterpriseProfile", "CreateBatch", "CreateApplication", "UploadDocument"]);
        var upload = items.First(i => (string?)i!["operation"] == "UploadDocument")!;
        ((string?)upload["description"]!["content"]).Should().EndWith("bytes", "document bytes are described by their size");

        var ofEnterprise = await _api.GetAsync($"/api/audit?target={enterpriseId}&command=RegisterEnterprise");
        ofEnterprise["total"]!.GetValue<long>().Should().Be(1);

        var verification = await _api.GetAsync("/api/audit/verify");
        verification["valid"]!.GetValue<bool>().Should().BeTrue();
        verification["entries"]!.GetValue<long>().Should().Be(page["total"]!.GetValue<long>());
        verification["firstBrokenSequence"].Should().BeNull();
    }

    [Theory]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task A_bad_filter_is_a_400_naming_the_field(string query, string field)
    {
        var problem = await IntakeApi.ProblemAsync(await _api.Client.GetAsync($"/api/audit?{query}"), HttpStatusCode.BadRequest);

        ((string?)problem["field"]).Should().Be(field);
    }

    [Fact]
    public async Task Audit_verify_on_the_command_line_exits_0_when_intact_1_when_tampered_and_2_for_bad_input()
    {
        var folder = Directory.CreateTempSubdirectory("cert-audit-").FullName;
        var db = Path.Combine(folder, "cli.db");
        try
        {
            (await Run("workflows", "import", Path.Combine(TestFiles.RepositoryRoot, "workflows", "innovative.json"), "--publish", "--db", db)).Exit.Should().Be(0);

            var intact = await Run("audit", "verify", "--db", db);
            intact.Exit.Should().Be(0, intact.Error);
            JsonNode.Parse(intact.Out)!["valid"]!.GetValue<bool>().Should().BeTrue();
            JsonNode.Parse(intact.Out)!["entries"]!.GetValue<long>().Should().Be(2);

            var listed = await Run("audit", "list", "--command", "PublishDefinition", "--db", db);
            listed.Exit.Should().Be(0, listed.Error);
            var entry = JsonNode.Parse(listed.Out)!["items"]!.AsArray().Should().ContainSingle().Subject!;
            ((string?)entry["userName"]).Should().Be("system", "the command line runs as the system");

            await using (var connection = new SqliteConnection($"Data Source={db}"))
            {
                await connection.OpenAsync();
                await using var tamper = connection.CreateCommand();
                tamper.CommandText = "DROP TRIGGER \"AuditEntries_no_update\"; UPDATE \"AuditEntries\" SET \"Role\" = 'admin' WHERE \"Sequence\" = 1;";
                await tamper.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();

            var broken = await Run("audit", "verify", "--db", db);
            broken.Exit.Should().Be(1);
            JsonNode.Parse(broken.Out)!["firstBrokenSequence"]!.GetValue<long>().Should().Be(1);
            broken.Error.Should().Contain("sequence 1").And.Contain("altered");

            (await Run("audit", "verify", "--db", Path.Combine(folder, "missing.db"))).Exit.Should().Be(2);
            (await Run("audit", "check", "--db", db)).Exit.Should().Be(2);
            (await Run("audit", "list", "--from", "2026-02-30", "--db", db)).Exit.Should().Be(2);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose() => _api.Dispose();
}
