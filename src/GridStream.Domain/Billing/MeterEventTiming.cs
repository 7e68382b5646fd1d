namespace GridStream.Domain.Billing;

public enum MeterEventTimingKind
{
    /// <summary>Send now, with the row's own time.</summary>
    Send,

    /// <summary>Ahead of this clock by more than Stripe accepts: wait until <see cref="MeterEventTiming.SendFrom"/>.</summary>
    NotYet,

    /// <summary>Older than Stripe accepts: never sent, marked and listed for an admin to bill another way.</summary>
    TooOld,
}

/// <summary>
/// Whether a usage row's meter event can be sent now. Stripe accepts timestamps from the past 35 days up to 5 minutes
/// ahead. The row's own time is always the timestamp (never "now"): the usage lands in the billing period it happened
/// in, and every retry repeats exactly the same request, which the idempotency key requires. Both edges keep a margin,
/// because the request travels and clocks differ: a row near the 35-day edge is too old already, and a row ahead of
/// this clock waits until it is less than 4 minutes ahead.
/// </summary>
public sealed record MeterEventTiming(MeterEventTimingKind Kind, DateTimeOffset SendFrom)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(35);
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan OldEdgeMargin = TimeSpan.FromHours(1);
    public static readonly TimeSpan AheadMargin = TimeSpan.FromMinutes(1);

    public static MeterEventTiming Decide(DateTimeOffset usageAt, DateTimeOffset now)
    {
        if (usageAt < now - MaxAge + OldEdgeMargin)
        {
            return new MeterEventTiming(MeterEventTimingKind.TooOld, usageAt);
        }

        var sendFrom = usageAt - (MaxAhead - AheadMargin);
        return sendFrom > now
            ? new MeterEventTiming(MeterEventTimingKind.NotYet, sendFrom)
            : new MeterEventTiming(MeterEventTimingKind.Send, now);
    }
}
