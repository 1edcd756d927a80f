using Certification.Domain.Review;

namespace Certification.Domain.Tests.Review;

public class QuotaRecommenderTests
{
    private static readonly DateTimeOffset Opening = new(2025, 5, 6, 9, 0, 0, TimeSpan.FromHours(8));

    private static QuotaCandidate C(string id, decimal score, int minutesAfterOpening = 0) =>
        new(id, score, Opening.AddMinutes(minutesAfterOpening));

    [Fact]
    public void Candidates_are_ranked_by_score_and_the_top_quota_recommended()
    {
        var result = QuotaRecommender.Recommend([C("A", 70m), C("B", 90m), C("C", 80m)], quota: 2);

        result.Rankings.Select(r => (r.ApplicationId, r.Rank, r.Recommended))
            .Should().Equal(("B", 1, true), ("C", 2, true), ("A", 3, false));
        result.Recommended.Should().Equal("B", "C");
        result.NotRecommended.Should().Equal("A");
    }

    [Fact]
    public void Those_not_recommended_are_told_their_rank_and_the_quota()
    {
        var candidates = Enumerable.Range(1, 12).Select(i => C($"APP-{i:00}", 100m - i));

        var result = QuotaRecommender.Recommend(candidates, quota: 10);

        result.Rankings[11].Reason.Should().Be("排名第 12 位，超出推荐名额 10 个");
        result.Rankings[9].Reason.Should().Be("排名第 10 位，在推荐名额 10 个以内");
        result.Recommended.Should().HaveCount(10);
    }

    [Fact]
    public void On_equal_scores_the_earlier_submission_ranks_higher()
    {
        var result = QuotaRecommender.Recommend([C("LATE", 85m, 60), C("EARLY", 85m, 5)], quota: 1);

        result.Recommended.Should().Equal("EARLY");
    }

    [Fact]
    public void Submission_times_are_compared_as_instants_whatever_their_offset()
    {
        // 09:30 in Beijing is 01:30 UTC, earlier than 09:00 Beijing + 60 minutes.
        var utc = new QuotaCandidate("UTC", 85m, new DateTimeOffset(2025, 5, 6, 1, 30, 0, TimeSpan.Zero));

        QuotaRecommender.Recommend([C("BJ", 85m, 60), utc], quota: 1).Recommended.Should().Equal("UTC");
    }

    [Fact]
    public void On_equal_score_and_time_the_application_id_decides()
    {
        var result = QuotaRecommender.Recommend([C("APP-2", 85m), C("APP-1", 85m)], quota: 1);

        result.Rankings.Select(r => r.ApplicationId).Should().Equal("APP-1", "APP-2");
    }

    [Fact]
    public void Scores_are_compared_unrounded()
    {
        // Both display as 80.00.
        QuotaRecommender.Recommend([C("A", 80.001m), C("B", 80.004m, 30)], quota: 1).Recommended.Should().Equal("B");
    }

    [Fact]
    public void The_ranking_does_not_depend_on_input_order()
    {
        var candidates = new[] { C("A", 70m), C("B", 90m), C("C", 80m, 3), C("D", 80m, 1), C("E", 80m, 1) };

        var forward = QuotaRecommender.Recommend(candidates, 3).Rankings.Select(r => r.ApplicationId);
        var backward = QuotaRecommender.Recommend(candidates.Reverse(), 3).Rankings.Select(r => r.ApplicationId);

        forward.Should().Equal("B", "D", "E", "C", "A");
        backward.Should().Equal(forward);
    }

    [Fact]
    public void A_quota_larger_than_the_field_recommends_everyone()
    {
        QuotaRecommender.Recommend([C("A", 70m), C("B", 90m)], quota: 10).NotRecommended.Should().BeEmpty();
    }

    [Fact]
    public void A_quota_of_zero_recommends_no_one()
    {
        var result = QuotaRecommender.Recommend([C("A", 70m)], quota: 0);

        result.Recommended.Should().BeEmpty();
        result.Rankings[0].Reason.Should().Be("排名第 1 位，超出推荐名额 0 个");
    }

    [Fact]
    public void No_candidates_give_an_empty_ranking()
    {
        QuotaRecommender.Recommend([], quota: 5).Rankings.Should().BeEmpty();
    }

    [Fact]
    public void A_candidate_listed_twice_or_a_negative_quota_is_refused()
    {
        ((Action)(() => QuotaRecommender.Recommend([C("A", 70m), C("A", 80m)], 1))).Should().Throw<ArgumentException>();
        ((Action)(() => QuotaRecommender.Recommend([C("A", 70m)], -1))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
