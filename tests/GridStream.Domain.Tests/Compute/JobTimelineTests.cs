using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class JobTimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(59, 1)]
    [InlineData(120, 1)]
    [InlineData(121, 2)]
    [InlineData(3_600, 30)]
    [InlineData(7 * 86_400, 5_040)]
    public void Intervals_are_whole_seconds_and_at_most_120_cover_the_span(int seconds, int intervalSeconds)
    {
        var interval = JobTimeline.IntervalFor(Start, Start.AddSeconds(seconds));

        Assert.Equal(TimeSpan.FromSeconds(intervalSeconds), interval);
        Assert.True(JobTimeline.IntervalOf(Start.AddSeconds(seconds), Start, interval) < JobTimeline.MaxPoints + 1);
    }

    [Fact]
    public void Points_fill_empty_intervals_and_the_cost_grows_with_accepted_units_only()
    {
        var decided = new Dictionary<long, (long, long)> { [0] = (4, 1), [2] = (6, 0) };

        var points = JobTimeline.Build(Start, Start.AddSeconds(3.5), decided, priceCentsPerUnit: 5);

        Assert.Equal(4, points.Count);
        Assert.Equal([20L, 20L, 50L, 50L], points.Select(p => p.CostCentsSoFar));
        Assert.Equal([5.0, 0.0, 6.0, 0.0], points.Select(p => p.UnitsPerSecond));
        Assert.Equal(Start.AddSeconds(1), points[0].End);
        Assert.Equal(11, points.Sum(p => p.Accepted + p.Failed));
    }

    [Fact]
    public void Decisions_before_the_start_or_after_the_end_are_not_lost()
    {
        Assert.Equal(0, JobTimeline.IntervalOf(Start.AddSeconds(-3), Start, TimeSpan.FromSeconds(1)));
        var decided = new Dictionary<long, (long, long)> { [0] = (1, 0), [9] = (2, 1) };

        var points = JobTimeline.Build(Start, Start.AddSeconds(2), decided, priceCentsPerUnit: 1);

        Assert.Equal(3, points.Count);
        Assert.Equal((2, 1), (points[^1].Accepted, points[^1].Failed));
        Assert.Equal(3, points[^1].CostCentsSoFar);
    }

    [Fact]
    public void A_job_with_nothing_decided_has_a_flat_line_at_zero()
    {
        var points = JobTimeline.Build(Start, Start, new Dictionary<long, (long, long)>(), priceCentsPerUnit: 7);

        var only = Assert.Single(points);
        Assert.Equal((0, 0, 0.0, 0), (only.Accepted, only.Failed, only.UnitsPerSecond, only.CostCentsSoFar));
    }
}
