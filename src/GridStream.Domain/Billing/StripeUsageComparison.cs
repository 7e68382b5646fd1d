using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;

namespace GridStream.Domain.Billing;

/// <summary>One Stripe customer's usage as our Sent rows have it and as Stripe's meter event summary has it, in cents.</summary>
public sealed record CustomerUsage(string StripeCustomerId, long OursCents, long StripesCents)
{
    public bool Matches => OursCents == StripesCents;
}

/// <summary>
/// The reconciliation's checks against Stripe's side of billing: per customer, Σ our usage rows marked Sent = Stripe's
/// summary of the meter events over the same time; and on the ledger's side, what paid invoices posted.
/// </summary>
public static class StripeUsageComparison
{
    /// <summary>
    /// A minute-aligned window [start, end) that holds every given time: Stripe summarises whole minutes only, and a
    /// meter event's timestamp is its row's time in whole seconds.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Window(DateTimeOffset earliest, DateTimeOffset latest)
    {
        if (latest < earliest)
        {
            throw new ArgumentException("The latest time is before the earliest.", nameof(latest));
        }

        var start = earliest.ToUnixTimeSeconds();
        var end = latest.ToUnixTimeSeconds();
        return (DateTimeOffset.FromUnixTimeSeconds(FloorToMinute(start)), DateTimeOffset.FromUnixTimeSeconds(FloorToMinute(end) + 60));
    }

    private static long FloorToMinute(long unixSeconds) => unixSeconds - (((unixSeconds % 60) + 60) % 60);

    /// <summary>Σ Sent usage rows = Σ Stripe's summaries, over the customers compared; both sides in cents.</summary>
    public static ReconciliationIdentity UsageIdentity(IReadOnlyCollection<CustomerUsage> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return new ReconciliationIdentity("usage sent = Stripe's meter event summaries", Currency.Usd,
        [
            new("ours", [new("Σ compute_usage sent", customers.Aggregate(0L, (sum, c) => checked(sum + c.OursCents)))]),
            new("Stripe", [new("Σ meter event summaries", customers.Aggregate(0L, (sum, c) => checked(sum + c.StripesCents)))]),
        ]);
    }

    /// <summary>Σ invoice.paid transfers = Σ invoice.cash transfers = Σ amount paid of the paid invoices stored.</summary>
    public static ReconciliationIdentity PaidInvoicesIdentity(long paidTransfers, long cashTransfers, long paidInvoices) => new(
        "invoices paid = posted to the ledger", Currency.Usd,
        [
            new("invoice.paid", [new("Σ invoice.paid transfers", paidTransfers)]),
            new("invoice.cash", [new("Σ invoice.cash transfers", cashTransfers)]),
            new("paid invoices", [new("Σ amount paid of paid invoices", paidInvoices)]),
        ]);

    /// <summary>The customers whose totals differ.</summary>
    public static IReadOnlyList<CustomerUsage> Differences(IEnumerable<CustomerUsage> customers) =>
        [.. customers.Where(c => !c.Matches).OrderBy(c => c.StripeCustomerId, StringComparer.Ordinal)];
}
