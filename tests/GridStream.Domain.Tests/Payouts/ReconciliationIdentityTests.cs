using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;

namespace GridStream.Domain.Tests.Payouts;

public sealed class ReconciliationIdentityTests
{
    [Fact]
    public void Credits_balance_when_issued_minus_spent_is_what_the_wallets_hold()
    {
        var balanced = ReconciliationIdentity.Credits(issued: 1_000, spent: 300, wallets: 700);
        var off = ReconciliationIdentity.Credits(issued: 1_000, spent: 300, wallets: 701);

        Assert.True(balanced.Balanced);
        Assert.Equal([700L, 700L], balanced.Sides.Select(s => s.Total));
        Assert.False(off.Balanced);
    }

    [Fact]
    public void Earnings_balance_when_paid_in_transit_and_outstanding_add_up()
    {
        Assert.True(ReconciliationIdentity.Earnings(earned: 1_000, paid: 500, inTransit: 300, outstanding: 200).Balanced);
        Assert.False(ReconciliationIdentity.Earnings(earned: 1_000, paid: 500, inTransit: 300, outstanding: 199).Balanced);
    }

    [Fact]
    public void Usage_needs_all_three_sides_equal()
    {
        Assert.True(ReconciliationIdentity.Usage(40, 40, 40).Balanced);
        Assert.False(ReconciliationIdentity.Usage(40, 45, 40).Balanced);
        Assert.False(ReconciliationIdentity.Usage(40, 40, 45).Balanced);
    }

    [Fact]
    public void Debits_equal_credits_counts_pending_too()
    {
        Assert.True(ReconciliationIdentity.DebitsEqualCredits(Currency.Usd, 10, 10, 3, 3).Balanced);
        Assert.False(ReconciliationIdentity.DebitsEqualCredits(Currency.Usd, 10, 10, 3, 2).Balanced);
    }
}
