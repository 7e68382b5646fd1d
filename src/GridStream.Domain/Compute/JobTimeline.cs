namespace GridStream.Domain.Compute;

/// <summary>One interval of a job's life: units decided in it, their rate, and what the job had cost by its end.</summary>
/// <param name="End">The interval's end (its start is <c>End − width</c>).</param>
public sealed record TimelinePoint(DateTimeOffset End, long Accepted, long Failed, double UnitsPerSecond, long CostCentsSoFar);

/// <summary>
/// A job's progress over time for its charts, from the times its units were decided: the span from submission to its
/// end (or now) in equal intervals of whole seconds, at most <see cref="MaxPoints"/> of them, so a chart of a minute's
/// job and of a week's job both stay readable. Only accepted units are billed, so the cost grows with them alone.
/// </summary>
public static class JobTimeline
{
    public const int MaxPoints = 120;

    public static TimeSpan IntervalFor(DateTimeOffset start, DateTimeOffset end)
    {
        var seconds = Math.Max(1L, (long)Math.Ceiling((end - start).TotalSeconds));
        return TimeSpan.FromSeconds(Math.Max(1L, (seconds + MaxPoints - 1) / MaxPoints));
    }

    /// <summary>The interval a decision falls in: 0 for the first; a decision at <paramref name="start"/> or before counts in the first.</summary>
    public static long IntervalOf(DateTimeOffset decidedAt, DateTimeOffset start, TimeSpan interval) =>
        Math.Max(0L, (long)Math.Floor((decidedAt - start).TotalSeconds / interval.TotalSeconds));

    /// <param name="decided">Accepted and failed units per interval index (indexes beyond the last are counted in the last).</param>
    public static IReadOnlyList<TimelinePoint> Build(
        DateTimeOffset start, DateTimeOffset end, IReadOnlyDictionary<long, (long Accepted, long Failed)> decided, long priceCentsPerUnit)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentOutOfRangeException.ThrowIfNegative(priceCentsPerUnit);
        var interval = IntervalFor(start, end);
        var count = Math.Max(1L, IntervalOf(end, start, interval) + 1);
        var points = new List<TimelinePoint>((int)count);
        long cost = 0;
        for (long i = 0; i < count; i++)
        {
            var (accepted, failed) = decided.TryGetValue(i, out var here) ? here : (0, 0);
            if (i == count - 1)
            {
                foreach (var late in decided.Where(pair => pair.Key >= count))
                {
                    accepted += late.Value.Accepted;
                    failed += late.Value.Failed;
                }
            }

            cost = checked(cost + accepted * priceCentsPerUnit);
            points.Add(new TimelinePoint(start + interval * (i + 1), accepted, failed, (accepted + failed) / interval.TotalSeconds, cost));
        }

        return points;
    }
}
