using GridStream.Domain.Swarms;

namespace GridStream.Domain.Tests.Swarms;

public sealed class PeerQualityTests
{
    [Fact]
    public void The_first_report_sets_rate_and_round_trip_and_later_ones_smooth_them()
    {
        var quality = PeerQuality.Unknown.WithReport(rateKbps: 8_000, rttMs: 40, successes: 1, failures: 0, badSegments: 0);
        var smoothed = quality.WithReport(rateKbps: 4_000, rttMs: 80, successes: 1, failures: 0, badSegments: 0);

        Assert.Equal((8_000, 40), (quality.RateKbps, quality.RttMs));
        Assert.Equal((7_000, 50), (smoothed.RateKbps, smoothed.RttMs));
    }

    [Fact]
    public void Failures_degrade_and_successes_restore_slowly()
    {
        var failing = PeerQuality.Unknown.WithReport(1_000, 50, successes: 0, failures: 3, badSegments: 0);
        var recovering = failing.WithReport(1_000, 50, successes: 4, failures: 0, badSegments: 0);

        Assert.True(failing.IsDegraded);
        Assert.Equal(3, failing.ConsecutiveFailures);
        Assert.Equal(55, recovering.Reliability);
        Assert.Equal(0, recovering.ConsecutiveFailures);
    }

    [Fact]
    public void Serving_bad_segments_three_times_means_removal()
    {
        var quality = PeerQuality.Unknown;
        for (var i = 0; i < 2; i++)
        {
            quality = quality.WithReport(1_000, 50, successes: 5, failures: 0, badSegments: 1);
            Assert.False(quality.ShouldBeRemoved);
        }

        Assert.True(quality.WithReport(1_000, 50, 5, 0, 1).ShouldBeRemoved);
    }

    [Fact]
    public void Reliability_stays_between_0_and_100()
    {
        Assert.Equal(100, PeerQuality.Unknown.WithReport(1, 1, successes: 1_000, 0, 0).Reliability);
        Assert.Equal(0, PeerQuality.Unknown.WithReport(1, 1, 0, failures: 1_000, badSegments: 1_000).Reliability);
    }

    [Fact]
    public void Negative_figures_in_a_report_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PeerQuality.Unknown.WithReport(-1, 10, 1, 0, 0));
}
