using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class RewardRulesTests
{
    private static readonly RewardRates Rates = new(MicroCreditsPerCent: 10_000, ViewerSharePercent: 70);

    [Fact]
    public void An_even_split_gives_every_valid_replica_the_same_share_of_the_viewers_part()
    {
        // 5 cents → 50,000 micro-credits; viewers 70 % = 35,000; two replicas → 17,500 each; platform 15,000.
        Assert.Equal([17_500L, 17_500L], RewardRules.MicroCreditsPerValidReplica(5, 2, Rates));
        Assert.Equal(new RewardSplit(50_000, 17_500, 2, 15_000), RewardRules.Split(5, 2, Rates));
    }

    [Fact]
    public void The_remainder_of_an_uneven_split_goes_to_the_platform()
    {
        var split = RewardRules.Split(1, 3, new RewardRates(MicroCreditsPerCent: 100, ViewerSharePercent: 50));

        // 100 micro-credits; viewers' 50 split three ways → 16 each, 2 left over join the platform's 50.
        Assert.Equal(new RewardSplit(100, 16, 3, 52), split);
        Assert.Equal([16L, 16L, 16L], RewardRules.MicroCreditsPerValidReplica(1, 3, new RewardRates(100, 50)));
    }

    [Fact]
    public void The_parts_always_add_up_to_the_whole_price()
    {
        var random = new Random(3);
        for (var i = 0; i < 10_000; i++)
        {
            var split = RewardRules.Split(random.NextInt64(0, 1_000_000), random.Next(1, 21), new RewardRates(random.NextInt64(0, 1_000_000), random.Next(0, 101)));

            Assert.Equal(split.TotalMicroCredits, split.ViewersMicroCredits + split.PlatformMicroCredits);
            Assert.InRange(split.PlatformMicroCredits, 0, split.TotalMicroCredits);
        }
    }

    [Fact]
    public void A_unit_that_costs_nothing_earns_nothing() =>
        Assert.Equal([0L, 0L], RewardRules.MicroCreditsPerValidReplica(0, 2, Rates));

    [Fact]
    public void A_solo_replica_takes_the_whole_viewers_share() =>
        Assert.Equal([35_000L], RewardRules.MicroCreditsPerValidReplica(5, 1, Rates));

    [Fact]
    public void Shares_of_zero_and_all_are_allowed()
    {
        Assert.Equal([0L], RewardRules.MicroCreditsPerValidReplica(5, 1, Rates with { ViewerSharePercent = 0 }));
        Assert.Equal([25_000L, 25_000L], RewardRules.MicroCreditsPerValidReplica(5, 2, Rates with { ViewerSharePercent = 100 }));
    }

    [Fact]
    public void A_price_that_overflows_in_micro_credits_is_an_error()
    {
        Assert.Throws<OverflowException>(() => RewardRules.Split(long.MaxValue / 100, 2, Rates));
        var nearTheTop = RewardRules.Split(long.MaxValue, 1, new RewardRates(1, 99));
        Assert.Equal(long.MaxValue / 100 * 99 + long.MaxValue % 100 * 99 / 100, nearTheTop.PerReplica);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardRules.Split(-1, 1, Rates));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardRules.Split(1, 0, Rates));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardRules.Split(1, 1, Rates with { ViewerSharePercent = 101 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardRules.Split(1, 1, Rates with { ViewerSharePercent = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardRules.Split(1, 1, Rates with { MicroCreditsPerCent = -1 }));
        Assert.Throws<ArgumentNullException>(() => RewardRules.Split(1, 1, null!));
    }
}
