using System.Text.Json.Nodes;
using static Certification.Api.Tests.CliRunner;

namespace Certification.Api.Tests.Evaluations;

public sealed class EvaluateVerbTests
{
    [Fact]
    public async Task One_profile_gives_one_evaluation_object()
    {
        var @case = CriteriaCases.All()[0]!;
        var file = TestFiles.TempFile("profile.json", @case["profile"]!.ToJsonString());

        var (exit, output, _) = await Run("evaluate", "--tier", (string)@case["tier"]!, "--profile", file, "--as-of", (string)@case["asOf"]!);

        exit.Should().Be(0);
        var evaluation = JsonNode.Parse(output)!.AsObject();
        evaluation["totalScore"]!.GetValue<decimal>().Should().Be(@case["expected"]!["totalScore"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_array_of_profiles_gives_an_array_of_evaluations_in_the_same_order()
    {
        var cases = CriteriaCases.All().Where(c => (string)c!["tier"]! == "innovative" && (string)c["asOf"]! == "2026-06-30").Take(3).ToList();
        var file = TestFiles.TempFile("profiles.json", new JsonArray(cases.Select(c => c!["profile"]!.DeepClone()).ToArray()).ToJsonString());

        var (exit, output, _) = await Run("evaluate", "--tier", "innovative", "--profile", file, "--as-of", "2026-06-30");

        exit.Should().Be(0);
        var evaluations = JsonNode.Parse(output)!.AsArray();
        evaluations.Select(e => e!["totalScore"]!.GetValue<decimal>())
            .Should().Equal(cases.Select(c => c!["expected"]!["totalScore"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task A_malformed_file_exits_2_naming_the_file_position_and_field()
    {
        var file = TestFiles.TempFile("bad.json", "[{},\n {\"financials\": [{\"year\": \"x\"}]}]");

        var (exit, output, error) = await Run("evaluate", "--tier", "innovative", "--profile", file);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain(file).And.Contain("line 2").And.Contain("[1].financials[0].year");
    }

    [Fact]
    public async Task An_unknown_tier_exits_2_naming_the_tier()
    {
        var file = TestFiles.TempFile("profile.json", "{}");

        var (exit, _, error) = await Run("evaluate", "--tier", "champion", "--profile", file);

        exit.Should().Be(2);
        error.Should().Contain("champion").And.Contain("innovative");
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var (exit, _, error) = await Run("evaluate", "--tier", "innovative", "--profile", "/nonexistent/profile.json");

        exit.Should().Be(2);
        error.Should().Contain("/nonexistent/profile.json");
    }

    [Fact]
    public async Task An_unknown_option_or_bad_date_exits_2()
    {
        var file = TestFiles.TempFile("profile.json", "{}");

        (await Run("evaluate", "--tier", "innovative", "--profile", file, "--asof", "2026-01-01")).Exit.Should().Be(2);
        (await Run("evaluate", "--tier", "innovative", "--profile", file, "--as-of", "2026-13-01")).Exit.Should().Be(2);
    }

    [Fact]
    public async Task An_unknown_verb_exits_2()
    {
        (await Run("frobnicate")).Exit.Should().Be(2);
    }
}
