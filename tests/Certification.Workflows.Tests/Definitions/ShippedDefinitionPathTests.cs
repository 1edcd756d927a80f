using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Simulation;
using Certification.Workflows.Engine.Validation;
using Certification.Workflows.Runtime.Definitions;

namespace Certification.Workflows.Tests.Definitions;

/// <summary>The definitions under workflows/ validate, and simulate along each main path of the process.</summary>
public sealed class ShippedDefinitionPathTests
{
    private static string Definition(string file) => ShippedDefinitions.All().Single(d => d.Name == file).Json;

    private static SimulationReport Simulate(string file, JsonObject? input, params (string Task, string Outcome)[] tasks)
    {
        var events = new JsonArray(tasks.Select(t => (JsonNode?)new JsonObject { ["task"] = t.Task, ["outcome"] = t.Outcome }).ToArray());
        return WorkflowSimulator.Run(Definition(file), input, events);
    }

    private static SimulationReport Simulate(string file, params (string Task, string Outcome)[] tasks) => Simulate(file, null, tasks);

    private static JsonObject Simulation(bool eligible = true, bool sampled = false, string reEvaluation = "Renewed") => new()
    {
        ["simulation"] = new JsonObject { ["eligible"] = eligible, ["sampled"] = sampled, ["reEvaluation"] = reEvaluation },
    };

    [Theory]
    [InlineData("innovative.json")]
    [InlineData("specialized.json")]
    [InlineData("little-giant.json")]
    [InlineData("re-evaluation.json")]
    [InlineData("change-report.json")]
    public void Each_shipped_definition_validates(string file)
    {
        DefinitionValidator.Validate(WorkflowDefinitionReader.Read(Definition(file)), ActivityRegistry.Default).Should().BeEmpty();
    }

    [Fact]
    public void Innovative_certified()
    {
        var report = Simulate("innovative.json", ("awaitSubmission", "Submitted"), ("preliminaryReview", "Recommended"), ("formalReview", "Passed"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().ContainInOrder("evaluateCriteria", "preliminaryReview", "formalReview", "spotCheck", "publicity", "certify", "endCertified");
    }

    [Fact]
    public void Innovative_not_eligible_is_rejected_without_review()
    {
        var report = Simulate("innovative.json", Simulation(eligible: false), ("awaitSubmission", "Submitted"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().Contain("rejectNotEligible").And.NotContain("preliminaryReview");
    }

    [Fact]
    public void Innovative_returned_and_resubmitted_then_certified()
    {
        var report = Simulate("innovative.json",
            ("awaitSubmission", "Submitted"), ("preliminaryReview", "Returned"),
            ("awaitSubmission", "Submitted"), ("preliminaryReview", "Recommended"), ("formalReview", "Passed"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Count(id => id == "awaitSubmission").Should().Be(2);
        report.Executed.Should().Contain("certify");
        report.Variables["returnCount"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void Innovative_third_return_rejects()
    {
        var report = Simulate("innovative.json",
            ("awaitSubmission", "Submitted"), ("preliminaryReview", "Returned"),
            ("awaitSubmission", "Submitted"), ("preliminaryReview", "Returned"),
            ("awaitSubmission", "Submitted"), ("preliminaryReview", "Returned"));

        report.Error.Should().BeNull();
        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Variables["returnCount"]!.GetValue<int>().Should().Be(3);
        report.Executed.Should().Contain("rejectTooManyReturns").And.NotContain("formalReview");
    }

    [Fact]
    public void Innovative_objection_upheld_goes_back_to_formal_review_which_rejects()
    {
        var report = Simulate("innovative.json",
            ("awaitSubmission", "Submitted"), ("preliminaryReview", "Recommended"), ("formalReview", "Passed"),
            ("publicity", "ObjectionUpheld"), ("formalReview", "Rejected"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Count(id => id == "formalReview").Should().Be(2);
        report.Executed.Should().Contain("rejectReview").And.NotContain("certify");
    }

    [Fact]
    public void Specialized_certified_through_expert_scoring()
    {
        var report = Simulate("specialized.json",
            ("awaitSubmission", "Submitted"), ("preliminaryReview", "Recommended"), ("formalReview", "Passed"), ("expertScoring", "Passed"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().ContainInOrder("formalReview", "expertScoring", "spotCheck", "publicity", "certify");
    }

    [Fact]
    public void Specialized_rejected_at_formal_review()
    {
        var report = Simulate("specialized.json",
            ("awaitSubmission", "Submitted"), ("preliminaryReview", "Recommended"), ("formalReview", "Rejected"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().Contain("rejectReview").And.NotContain("expertScoring");
    }

    [Fact]
    public void Specialized_divergent_scores_go_to_the_panel_chair()
    {
        var report = Simulate("specialized.json",
            ("awaitSubmission", "Submitted"), ("preliminaryReview", "Recommended"), ("formalReview", "Passed"),
            ("expertScoring", "Divergent"), ("chairRuling", "Passed"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().ContainInOrder("expertScoring", "chairRuling", "spotCheck", "certify");
    }

    [Fact]
    public void Specialized_sampled_spot_check_that_fails_rejects()
    {
        var report = Simulate("specialized.json", Simulation(sampled: true),
            ("awaitSubmission", "Submitted"), ("preliminaryReview", "Recommended"), ("formalReview", "Passed"),
            ("expertScoring", "Passed"), ("spotCheck", "Failed"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().Contain("rejectSpotCheck").And.NotContain("certify");
    }

    [Fact]
    public void Little_giant_certified_through_province_and_ministry()
    {
        var report = Simulate("little-giant.json",
            ("awaitSubmission", "Submitted"), ("provincialReview", "Recommended"), ("provincialScoring", "Passed"),
            ("recommend", "Recommended"), ("ministryReview", "Passed"), ("ministryScoring", "Passed"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().ContainInOrder("provincialReview", "provincialScoring", "recommend", "ministryReview", "ministryScoring", "spotCheck", "publicity", "certify");
    }

    [Fact]
    public void Little_giant_not_recommended_within_the_quota_is_rejected()
    {
        var report = Simulate("little-giant.json",
            ("awaitSubmission", "Submitted"), ("provincialReview", "Recommended"), ("provincialScoring", "Passed"), ("recommend", "NotRecommended"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().Contain("rejectNotRecommended").And.NotContain("ministryReview");
    }

    [Fact]
    public void Little_giant_objection_upheld_is_reviewed_again()
    {
        var report = Simulate("little-giant.json",
            ("awaitSubmission", "Submitted"), ("provincialReview", "Recommended"), ("provincialScoring", "Passed"),
            ("recommend", "Recommended"), ("ministryReview", "Passed"), ("ministryScoring", "Passed"), ("publicity", "ObjectionUpheld"));

        report.Executed.Should().NotContain("certify");
        report.WaitingOn.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("Renewed", "markRenewed", "certify", "endCertified")]
    [InlineData("Downgraded", "markDowngraded", "certify", "endCertified")]
    [InlineData("Lapsed", "markLapsed", "lapse", "endLapsed")]
    public void Re_evaluation_outcomes_follow_the_officers_confirmation(string outcome, string branch, string step, string last)
    {
        var report = Simulate("re-evaluation.json", Simulation(reEvaluation: outcome), ("awaitSubmission", "Submitted"), ("confirm", outcome));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().ContainInOrder("awaitExpiry", "awaitSubmission", "reEvaluate", "confirm", branch, step, last);
    }

    [Fact]
    public void Re_evaluation_without_the_enterprises_data_lapses_without_revocation()
    {
        var report = Simulate("re-evaluation.json", Simulation(), ("awaitSubmission", "Withdrawn"));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().ContainInOrder("awaitSubmission", "lapseNotSubmitted", "endLapsed").And.NotContain("reEvaluate");
        report.HostRecords.Select(r => r.Action).Should().Contain("Lapse").And.NotContain("Revoke");
    }

    [Theory]
    [InlineData("Kept", "endKept")]
    [InlineData("Revoked", "endRevoked")]
    public void Change_report_re_check(string decision, string last)
    {
        var report = Simulate("change-report.json", ("review", decision));

        report.Status.Should().Be(WorkflowStatus.Finished);
        report.Executed.Should().ContainInOrder("review", last);
        report.HostRecords.Any(r => r.Action == "Revoke").Should().Be(decision == "Revoked");
    }
}
