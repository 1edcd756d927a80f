using Certification.Api.Tests.Identity;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Certification.Api.Tests.Evaluations;

public sealed class EvaluationEndpointTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private HttpClient Client => _factory.CreateClientAs(TestAccount.Admin);

    [Fact]
    public async Task A_worked_case_is_evaluated_as_the_rules_expect()
    {
        var @case = CriteriaCases.All()[0];
        var body = new JsonObject { ["tier"] = @case!["tier"]!.DeepClone(), ["asOf"] = @case["asOf"]!.DeepClone(), ["profile"] = @case["profile"]!.DeepClone() };

        var response = await Client.PostAsJsonAsync("/api/evaluations", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var evaluation = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var expected = @case["expected"]!;
        evaluation["eligible"]!.GetValue<bool>().Should().Be(expected["eligible"]!.GetValue<bool>());
        evaluation["totalScore"]!.GetValue<decimal>().Should().Be(expected["totalScore"]!.GetValue<decimal>());
        evaluation["criteriaVersion"]!.GetValue<string>().Should().Be("miit-2022");
        evaluation["indicators"]!.AsArray().Should().OnlyContain(i => !string.IsNullOrWhiteSpace((string?)i!["reason"]));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_naming_the_field()
    {
        const string body = """{"tier":"innovative","profile":{"financials":[{"year":"twenty"}]}}""";

        var response = await Client.PostAsync("/api/evaluations", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string?)problem["field"]).Should().Be("profile.financials[0].year");
    }

    [Fact]
    public async Task Truncated_json_is_a_400_problem()
    {
        var response = await Client.PostAsync("/api/evaluations", new StringContent("""{"tier":"innovative","profile":{""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task An_unknown_tier_is_a_400_problem_naming_tier_and_listing_the_known_ones()
    {
        var response = await Client.PostAsJsonAsync("/api/evaluations", new { tier = "champion", profile = new { } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string?)problem["field"]).Should().Be("tier");
        ((string?)problem["detail"]).Should().Contain("little-giant");
    }

    [Fact]
    public async Task An_unknown_criteria_version_is_a_400_problem()
    {
        var response = await Client.PostAsJsonAsync("/api/evaluations", new { tier = "innovative", criteriaVersion = "miit-1999", profile = new { } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["field"]).Should().Be("criteriaVersion");
    }

    [Fact]
    public async Task A_missing_profile_is_a_400_problem()
    {
        var response = await Client.PostAsJsonAsync("/api/evaluations", new { tier = "innovative" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["field"]).Should().Be("profile");
    }

    [Fact]
    public async Task An_impossible_date_is_a_400_problem_naming_asOf()
    {
        var response = await Client.PostAsync("/api/evaluations",
            new StringContent("""{"tier":"innovative","asOf":"2026-02-30","profile":{}}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["field"]).Should().Be("asOf");
    }

    [Fact]
    public async Task An_empty_profile_is_evaluated_as_not_eligible_with_reasons_instead_of_failing()
    {
        var response = await Client.PostAsJsonAsync("/api/evaluations", new { tier = "specialized", asOf = "2026-06-30", profile = new { } });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var evaluation = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        evaluation["eligible"]!.GetValue<bool>().Should().BeFalse();
        evaluation["failed"]!.AsArray().Should().NotBeEmpty();
    }

    public void Dispose() => _factory.Dispose();
}

public static class CriteriaCases
{
    public static JsonArray All() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "tests", "Certification.Domain.Tests", "Data", "criteria-cases.json")))!.AsArray();
}
