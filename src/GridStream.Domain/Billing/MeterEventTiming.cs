namespace GridStream.Domain.Billing;

public enum MeterEventTimingKind
{
    /// <summary>Send with <see cref="MeterEventTiming.Timestamp"/>.</summary>
    Send,

    /// <summary>Older than Stripe accepts: never sent, marked and listed for an admin to bill by hand.</summary>
    TooOld,
}

/// <summary>
/// Which timestamp a usage row's meter event carries. Stripe accepts events from the past 35 days up to 5 minutes
/// ahead. The row's own time is sent, so the usage lands in the billing period it happened in; a row a little ahead
/// (this server's clock runs fast) is sent as now rather than refused; a row too close to the 35-day edge is treated
/// as too old, because it could cross the edge while the request travels and Stripe would refuse it anyway.
/// </summary>
public sealed record MeterEventTiming(MeterEventTimingKind Kind, DateTimeOffset Timestamp)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(35);
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    /// <summary>Kept clear of the 35-day edge: an hour covers clock skew and a slow relay run.</summary>
    public static readonly TimeSpan SafetyMargin = TimeSpan.FromHours(1);

    public static MeterEventTiming Decide(DateTimeOffset usageAt, DateTimeOffset now)
    {
        if (usageAt < now - MaxAge + SafetyMargin)
        {
            return new MeterEventTiming(MeterEventTimingKind.TooOld, usageAt);
        }

        return new MeterEventTiming(MeterEventTimingKind.Send, usageAt > now ? now : usageAt);
    }
}
