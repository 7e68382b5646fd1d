namespace GridStream.Domain.Compute;

/// <summary>A job's progress from its unit counts, the units finished over a recent window, and its price.</summary>
public static class JobProgressRules
{
    /// <remarks>
    /// A job with no units counts as done (100 %, nothing remaining). A window of zero or less (the job just started,
    /// or the clock stepped back) measures no rate rather than an infinite one, so the estimate is then unknown (null)
    /// unless nothing remains. Estimates are rounded up to whole seconds.
    /// </remarks>
    /// <exception cref="OverflowException">The cost does not fit in a long; a wrapped amount would be a wrong bill.</exception>
    public static JobProgress Compute(JobCounts counts, long unitsFinishedInWindow, TimeSpan window, long priceCentsPerUnit)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegative(counts.Waiting, nameof(counts));
        ArgumentOutOfRangeException.ThrowIfNegative(counts.InProgress, nameof(counts));
        ArgumentOutOfRangeException.ThrowIfNegative(counts.Accepted, nameof(counts));
        ArgumentOutOfRangeException.ThrowIfNegative(counts.Failed, nameof(counts));
        ArgumentOutOfRangeException.ThrowIfNegative(unitsFinishedInWindow);
        ArgumentOutOfRangeException.ThrowIfNegative(priceCentsPerUnit);

        var total = counts.Total;
        var done = counts.Accepted + counts.Failed;
        var remaining = counts.Waiting + counts.InProgress;
        var percent = total == 0 ? 100 : (int)((Int128)done * 100 / total);
        var rate = window > TimeSpan.Zero ? unitsFinishedInWindow / window.TotalSeconds : 0.0;

        return new JobProgress(total, percent, rate, EstimateRemaining(remaining, rate), CostCents(counts.Accepted, priceCentsPerUnit));
    }

    private static TimeSpan? EstimateRemaining(long remaining, double unitsPerSecond)
    {
        if (remaining == 0)
        {
            return TimeSpan.Zero;
        }

        if (unitsPerSecond <= 0)
        {
            return null;
        }

        var seconds = Math.Ceiling(remaining / unitsPerSecond);
        // A trickle of units can put the estimate past what a TimeSpan holds; "practically never" is MaxValue.
        return seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
    }

    private static long CostCents(long accepted, long priceCentsPerUnit)
    {
        try
        {
            return checked(accepted * priceCentsPerUnit);
        }
        catch (OverflowException exception)
        {
            throw new OverflowException($"{accepted} units at {priceCentsPerUnit} cents each cost more than {long.MaxValue} cents.", exception);
        }
    }
}
