using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class JobProgressRulesTests
{
    [Fact]
    public void Percent_rate_estimate_and_cost_of_a_job_under_way()
    {
        var progress = JobProgressRules.Compute(new JobCounts(Waiting: 500, InProgress: 100, Accepted: 380, Failed: 20),
            unitsFinishedInWindow: 120, TimeSpan.FromMinutes(1), priceCentsPerUnit: 3);

        Assert.Equal(1_000, progress.Total);
        Assert.Equal(40, progress.PercentDone);
        Assert.Equal(2.0, progress.UnitsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(300), progress.EstimatedRemaining);
        Assert.Equal(1_140, progress.CostCents);
    }

    [Fact]
    public void Percent_done_is_rounded_down_so_it_reads_100_only_when_all_are_done()
    {
        Assert.Equal(99, JobProgressRules.Compute(new JobCounts(1, 0, 998, 0), 0, TimeSpan.FromMinutes(1), 1).PercentDone);
        Assert.Equal(0, JobProgressRules.Compute(new JobCounts(999, 0, 1, 0), 0, TimeSpan.FromMinutes(1), 1).PercentDone);
        Assert.Equal(100, JobProgressRules.Compute(new JobCounts(0, 0, 998, 2), 0, TimeSpan.FromMinutes(1), 1).PercentDone);
    }

    [Fact]
    public void Failed_units_count_as_done_but_cost_nothing()
    {
        var progress = JobProgressRules.Compute(new JobCounts(0, 0, 0, 10), 10, TimeSpan.FromSeconds(10), 5);

        Assert.Equal((100, 0L), (progress.PercentDone, progress.CostCents));
    }

    [Fact]
    public void Without_a_rate_the_estimate_is_unknown()
    {
        var progress = JobProgressRules.Compute(new JobCounts(10, 0, 0, 0), 0, TimeSpan.FromMinutes(1), 1);

        Assert.Equal(0.0, progress.UnitsPerSecond);
        Assert.Null(progress.EstimatedRemaining);
    }

    [Fact]
    public void A_window_of_zero_or_a_clock_that_stepped_back_measures_no_rate()
    {
        Assert.Null(JobProgressRules.Compute(new JobCounts(10, 0, 5, 0), 5, TimeSpan.Zero, 1).EstimatedRemaining);
        Assert.Equal(0.0, JobProgressRules.Compute(new JobCounts(10, 0, 5, 0), 5, TimeSpan.FromSeconds(-3), 1).UnitsPerSecond);
    }

    [Fact]
    public void A_job_with_no_units_is_done()
    {
        var progress = JobProgressRules.Compute(new JobCounts(0, 0, 0, 0), 0, TimeSpan.FromMinutes(1), 7);

        Assert.Equal(new JobProgress(0, 100, 0.0, TimeSpan.Zero, 0), progress);
    }

    [Fact]
    public void The_estimate_is_rounded_up_to_whole_seconds_and_a_trickle_does_not_overflow()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), JobProgressRules.Compute(new JobCounts(10, 0, 0, 0), 3, TimeSpan.FromSeconds(1), 1).EstimatedRemaining);
        Assert.Equal(TimeSpan.MaxValue,
            JobProgressRules.Compute(new JobCounts(long.MaxValue / 2, 0, 0, 0), 1, TimeSpan.MaxValue, 1).EstimatedRemaining);
    }

    [Fact]
    public void A_cost_that_overflows_is_an_error_not_a_wrapped_bill()
    {
        var error = Assert.Throws<OverflowException>(() =>
            JobProgressRules.Compute(new JobCounts(0, 0, 1_000_000, 0), 0, TimeSpan.FromMinutes(1), long.MaxValue / 999_999));

        Assert.Contains("1000000 units", error.Message, StringComparison.Ordinal);
        Assert.Throws<OverflowException>(() => JobProgressRules.Compute(new JobCounts(long.MaxValue, 1, 0, 0), 0, TimeSpan.FromMinutes(1), 1));
    }

    [Fact]
    public void Negative_counts_or_prices_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JobProgressRules.Compute(new JobCounts(-1, 0, 0, 0), 0, TimeSpan.FromMinutes(1), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => JobProgressRules.Compute(new JobCounts(0, 0, 0, 0), -1, TimeSpan.FromMinutes(1), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => JobProgressRules.Compute(new JobCounts(0, 0, 0, 0), 0, TimeSpan.FromMinutes(1), -1));
    }
}
