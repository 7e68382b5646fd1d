using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class TrustDistributionTests
{
    [Fact]
    public void Accounts_fall_into_zero_earning_and_trusted_buckets_at_the_trust_threshold()
    {
        var buckets = TrustDistribution.Bucket([(0, 3), (1, 2), (9, 4), (10, 5), (250, 1)]);

        Assert.Equal([3L, 6L, 6L], buckets.Select(b => b.Accounts));
        Assert.Equal(["0", "1–9", "≥10 (trusted)"], buckets.Select(b => b.Label));
        Assert.Equal([false, false, true], buckets.Select(b => b.Trusted));
        Assert.Equal((10, (int?)null), (buckets[2].From, buckets[2].To));
        Assert.Equal((1, (int?)9), (buckets[1].From, buckets[1].To));
    }

    [Fact]
    public void Counts_grouped_at_the_cap_land_in_the_trusted_bucket_and_repeated_counts_add_up()
    {
        var buckets = TrustDistribution.Bucket([(TrustDistribution.CountCap, 7), (TrustDistribution.CountCap, 2), (0, 1), (0, 1)]);

        Assert.Equal(9, buckets.Single(b => b.Trusted).Accounts);
        Assert.Equal(2, buckets[0].Accounts);
        Assert.Equal(0, buckets[1].Accounts);
    }

    [Fact]
    public void No_accounts_gives_three_empty_buckets()
    {
        var buckets = TrustDistribution.Bucket([]);

        Assert.Equal(3, buckets.Count);
        Assert.All(buckets, b => Assert.Equal(0, b.Accounts));
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrustDistribution.Bucket([(-1, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrustDistribution.Bucket([(1, -1)]));
    }
}
