using Certification.Domain.Review;

namespace Certification.Domain.Tests.Review;

public class SpotCheckSamplerTests
{
    private const string Batch = "SPE-330000-2025-1";
    private const long Seed = 20250901;

    private static readonly string[] TenThousand = Enumerable.Range(1, 10_000).Select(i => $"APP-{i:00000}").ToArray();

    [Fact]
    public void The_ticket_is_the_documented_hash_so_an_auditor_can_recompute_it()
    {
        // printf 'B-2025-01\nA-0001\n42' | sha256sum → b178447c66e985ae…; 0xb178447c66e985ae / 2^64.
        SpotCheckSampler.Ticket("B-2025-01", "A-0001", 42)
            .Should().BeApproximately(0.69324138676794263668867052m, 0.0000000000000000000001m);
    }

    [Fact]
    public void Tickets_lie_in_0_to_1()
    {
        TenThousand.Select(id => SpotCheckSampler.Ticket(Batch, id, Seed))
            .Should().OnlyContain(t => t >= 0m && t < 1m);
    }

    [Theory]
    [InlineData("0.05")]
    [InlineData("0.1")]
    [InlineData("0.25")]
    [InlineData("0.5")]
    public void The_sampled_share_of_a_large_batch_is_close_to_the_configured_share(string text)
    {
        var share = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var sampled = SpotCheckSampler.Sample(Batch, TenThousand, share, Seed);

        ((decimal)sampled.Count / TenThousand.Length).Should().BeApproximately(share, 0.015m);
    }

    [Fact]
    public void Re_running_the_sample_never_changes_who_was_sampled()
    {
        var first = SpotCheckSampler.Sample(Batch, TenThousand, 0.1m, Seed);
        var again = SpotCheckSampler.Sample(Batch, TenThousand.Reverse(), 0.1m, Seed);

        again.Order(StringComparer.Ordinal).Should().Equal(first.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Whether_an_application_is_sampled_does_not_depend_on_the_rest_of_the_batch()
    {
        var sampledInFullBatch = SpotCheckSampler.Sample(Batch, TenThousand, 0.1m, Seed).ToHashSet();

        TenThousand.Take(50).Should().OnlyContain(id =>
            SpotCheckSampler.IsSampled(Batch, id, 0.1m, Seed) == sampledInFullBatch.Contains(id));
    }

    [Fact]
    public void Raising_the_share_only_adds_applications()
    {
        var tenPercent = SpotCheckSampler.Sample(Batch, TenThousand, 0.1m, Seed);
        var twentyPercent = SpotCheckSampler.Sample(Batch, TenThousand, 0.2m, Seed);

        twentyPercent.Should().Contain(tenPercent);
    }

    [Fact]
    public void Another_seed_or_another_batch_samples_differently()
    {
        var original = SpotCheckSampler.Sample(Batch, TenThousand, 0.1m, Seed);

        SpotCheckSampler.Sample(Batch, TenThousand, 0.1m, Seed + 1).Intersect(original).Count().Should().BeLessThan(200);
        SpotCheckSampler.Sample("SPE-330000-2025-2", TenThousand, 0.1m, Seed).Intersect(original).Count().Should().BeLessThan(200);
    }

    [Fact]
    public void A_share_of_0_samples_nothing_and_1_samples_everything()
    {
        SpotCheckSampler.Sample(Batch, TenThousand, 0m, Seed).Should().BeEmpty();
        SpotCheckSampler.Sample(Batch, TenThousand, 1m, Seed).Should().HaveCount(10_000);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.01")]
    public void A_share_outside_0_to_1_is_refused(string text)
    {
        var share = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        ((Action)(() => SpotCheckSampler.IsSampled(Batch, "A", share, Seed))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => SpotCheckSampler.SampleExactly(TenThousand, share, Seed))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void An_application_listed_twice_is_refused()
    {
        ((Action)(() => SpotCheckSampler.Sample(Batch, ["A", "B", "A"], 0.5m, Seed))).Should().Throw<ArgumentException>();
        ((Action)(() => SpotCheckSampler.SampleExactly(["A", "B", "A"], 0.5m, Seed))).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(10_000, "0.1", 1000)]
    [InlineData(10, "0.25", 3)]
    [InlineData(7, "0.1", 1)]
    [InlineData(3, "0.3333333333333333333333333333", 1)]
    [InlineData(40, "0", 0)]
    [InlineData(40, "1", 40)]
    [InlineData(0, "0.5", 0)]
    public void Sampling_exactly_picks_the_share_rounded_up(int count, string text, int expected)
    {
        var share = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var picked = SpotCheckSampler.SampleExactly(TenThousand.Take(count), share, Seed);

        picked.Should().HaveCount(expected).And.OnlyHaveUniqueItems();
        picked.Should().BeSubsetOf(TenThousand.Take(count));
    }

    [Fact]
    public void Sampling_exactly_is_stable_and_independent_of_input_order()
    {
        var first = SpotCheckSampler.SampleExactly(TenThousand, 0.05m, Seed);
        var again = SpotCheckSampler.SampleExactly(TenThousand.Reverse(), 0.05m, Seed);

        again.Should().Equal(first);
        SpotCheckSampler.SampleExactly(TenThousand, 0.05m, Seed + 1).Should().NotEqual(first);
    }

    [Fact]
    public void Sampling_exactly_with_a_larger_share_keeps_everyone_a_smaller_share_picked()
    {
        var five = SpotCheckSampler.SampleExactly(TenThousand, 0.05m, Seed);
        var ten = SpotCheckSampler.SampleExactly(TenThousand, 0.1m, Seed);

        ten.Take(five.Count).Should().Equal(five);
    }

    [Fact]
    public void Sampling_exactly_is_spread_over_the_batch_not_clustered_at_its_start()
    {
        var picked = SpotCheckSampler.SampleExactly(TenThousand, 0.1m, Seed);

        picked.Count(id => string.CompareOrdinal(id, "APP-05000") <= 0).Should().BeInRange(400, 600);
    }
}
