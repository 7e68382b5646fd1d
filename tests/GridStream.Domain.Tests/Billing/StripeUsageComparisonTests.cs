using GridStream.Domain.Billing;

namespace GridStream.Domain.Tests.Billing;

public sealed class StripeUsageComparisonTests
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 25, 12, 34, 0, TimeSpan.Zero);

    [Fact]
    public void The_window_is_whole_minutes_from_the_earliest_to_past_the_latest()
    {
        var (start, end) = StripeUsageComparison.Window(Minute.AddSeconds(59.9), Minute.AddMinutes(3).AddSeconds(0.5));

        Assert.Equal((Minute, Minute.AddMinutes(4)), (start, end));
    }

    [Fact]
    public void One_instant_on_a_minute_boundary_gets_that_minute()
    {
        Assert.Equal((Minute, Minute.AddMinutes(1)), StripeUsageComparison.Window(Minute, Minute));
        Assert.Throws<ArgumentException>(() => StripeUsageComparison.Window(Minute, Minute.AddSeconds(-1)));
    }

    [Fact]
    public void Customers_whose_totals_differ_are_the_differences_and_unbalance_the_identity()
    {
        CustomerUsage[] customers = [new("cus_b", 100, 100), new("cus_c", 30, 20), new("cus_a", 5, 0)];

        var differences = StripeUsageComparison.Differences(customers);
        var identity = StripeUsageComparison.UsageIdentity(customers);

        Assert.Equal(["cus_a", "cus_c"], differences.Select(c => c.StripeCustomerId));
        Assert.False(identity.Balanced);
        Assert.Equal([135L, 120L], identity.Sides.Select(s => s.Total));
    }

    [Fact]
    public void Matching_totals_balance_and_nothing_compared_balances_too()
    {
        Assert.True(StripeUsageComparison.UsageIdentity([new("cus_a", 7, 7), new("cus_b", 0, 0)]).Balanced);
        Assert.True(StripeUsageComparison.UsageIdentity([]).Balanced);
        Assert.Empty(StripeUsageComparison.Differences([new("cus_a", 7, 7)]));
    }

    [Theory]
    [InlineData(150, 150, 150, true)]
    [InlineData(150, 150, 100, false)]
    [InlineData(150, 0, 150, false)]
    public void Paid_invoices_balance_only_when_both_transfers_and_the_invoices_agree(long paid, long cash, long invoices, bool balanced) =>
        Assert.Equal(balanced, StripeUsageComparison.PaidInvoicesIdentity(paid, cash, invoices).Balanced);
}
