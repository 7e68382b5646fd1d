using GridStream.Domain.Payouts;
using Hangfire;

namespace GridStream.Server.Payouts;

/// <summary>Payout settings (section GridStream:Payouts). The exchange rate is GridStream:Compute:MicroCreditsPerCent.</summary>
public sealed class PayoutOptions
{
    /// <summary>Smallest payout in cents; owners with less outstanding wait for a later run.</summary>
    public long MinimumCents { get; set; } = PayoutPolicy.DefaultMinimumCents;

    /// <summary>When the recurring run fires (cron, UTC); daily at midnight by default.</summary>
    public string Schedule { get; set; } = Cron.Daily();
}
