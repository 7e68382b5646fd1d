using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class BrokerRatesTests
{
    [Fact]
    public void Rates_come_from_the_window_error_among_finished_and_disagreement_among_checked()
    {
        var figures = BrokerRates.Compute(30, TimeSpan.FromMinutes(1), new ReplicaWindow(Finished: 40, Valid: 20, Invalid: 10, Errored: 10));

        Assert.Equal(0.5, figures.ValidatedPerSecond, 10);
        Assert.Equal(2_500, figures.ErrorRatePerTenThousand);
        Assert.Equal(3_333, figures.DisagreementRatePerTenThousand);
    }

    [Fact]
    public void An_empty_window_has_zero_rates()
    {
        var figures = BrokerRates.Compute(0, TimeSpan.FromMinutes(1), new ReplicaWindow(0, 0, 0, 0));

        Assert.Equal(new BrokerRateFigures(0, 0, 0), figures);
    }

    [Fact]
    public void A_window_of_no_length_measures_no_throughput()
    {
        Assert.Equal(0, BrokerRates.Compute(5, TimeSpan.Zero, new ReplicaWindow(0, 0, 0, 0)).ValidatedPerSecond);
        Assert.Equal(0, BrokerRates.Compute(5, TimeSpan.FromSeconds(-3), new ReplicaWindow(0, 0, 0, 0)).ValidatedPerSecond);
    }

    [Fact]
    public void Shares_round_down_so_almost_all_is_never_all()
    {
        Assert.Equal(9_999, BrokerRates.PerTenThousand(99_999, 100_000));
        Assert.Equal(10_000, BrokerRates.PerTenThousand(7, 7));
        Assert.Equal(0, BrokerRates.PerTenThousand(1, 100_000));
        Assert.Equal(5_000, BrokerRates.PerTenThousand(long.MaxValue / 2, long.MaxValue - 1));
    }

    [Fact]
    public void Counts_that_cannot_be_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BrokerRates.Compute(-1, TimeSpan.FromMinutes(1), new ReplicaWindow(0, 0, 0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BrokerRates.Compute(0, TimeSpan.FromMinutes(1), new ReplicaWindow(1, -1, 0, 0)));
        Assert.Throws<ArgumentException>(() => BrokerRates.Compute(0, TimeSpan.FromMinutes(1), new ReplicaWindow(1, 1, 1, 0)));
        Assert.Throws<ArgumentException>(() => BrokerRates.Compute(0, TimeSpan.FromMinutes(1), new ReplicaWindow(1, 0, 0, 2)));
    }
}
