using System.Text.Json;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

/// <summary>The worked examples of shared/examples/criteria-cases.json, each a specification.</summary>
public class WorkedCasesTests
{
    public sealed record ExpectedIndicator(string Code, decimal Score);

    public sealed record Expected(
        bool Eligible,
        EvaluationRoute? Route,
        decimal? TotalScore,
        List<ExpectedIndicator> Indicators,
        List<string> Failed,
        List<string> DirectConditions);

    public sealed record WorkedCase(string Tier, DateOnly AsOf, EnterpriseProfile Profile, Expected Expected);

    private static readonly Lazy<List<WorkedCase>> Cases = new(() =>
        JsonSerializer.Deserialize<List<WorkedCase>>(File.ReadAllText(RepoFiles.CasesFile), CriteriaJson.Options)!);

    public static TheoryData<int, string> CaseIds()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < Cases.Value.Count; i++)
        {
            data.Add(i, $"{Cases.Value[i].Tier} {Cases.Value[i].Profile.Name}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Evaluation_matches_the_worked_case(int index, string name)
    {
        var @case = Cases.Value[index];
        var expected = @case.Expected;

        var result = CriteriaEvaluator.Evaluate(CriteriaCatalog.LoadBuiltIn().Default, @case.Tier, @case.Profile, @case.AsOf);

        result.Eligible.Should().Be(expected.Eligible, name);
        result.Route.Should().Be(expected.Route);
        result.TotalScore.Should().Be(expected.TotalScore);
        result.Indicators.Select(i => (i.Code, i.Score))
            .Should().Equal(expected.Indicators.Select(i => (i.Code, i.Score)));
        result.Failed.Select(f => f.Code).Should().BeEquivalentTo(expected.Failed);
        result.DirectConditions.Should().BeEquivalentTo(expected.DirectConditions);
    }

    [Fact]
    public void There_are_worked_cases_for_every_tier()
        => Cases.Value.Select(c => c.Tier).Distinct().Should().BeEquivalentTo("innovative", "specialized", "little-giant");

    [Fact]
    public void The_kept_copy_matches_the_shared_original_when_it_is_present()
    {
        if (!File.Exists(RepoFiles.SharedCasesFile))
        {
            return;
        }
        var copy = JsonDocument.Parse(File.ReadAllText(RepoFiles.CasesFile)).RootElement;
        var shared = JsonDocument.Parse(File.ReadAllText(RepoFiles.SharedCasesFile)).RootElement;
        JsonElement.DeepEquals(copy, shared).Should().BeTrue(
            "tests/Certification.Domain.Tests/Data/criteria-cases.json is a copy of shared/examples/criteria-cases.json; re-copy it");
    }
}
