using GridStream.Domain.Payouts;

namespace GridStream.Domain.Tests.Payouts;

public sealed class TransferMatchingTests
{
    private static readonly Guid PaidId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid ReversedId = Guid.Parse("0193a000-0000-7000-8000-000000000002");
    private static readonly Guid RefusedId = Guid.Parse("0193a000-0000-7000-8000-000000000003");

    private static readonly StripePayoutRow[] Payouts =
    [
        new(PaidId, 1_500, PayoutState.Paid, "acct_a"),
        new(ReversedId, 700, PayoutState.Failed, "acct_b"),
        new(RefusedId, 300, PayoutState.Failed, "acct_c"),
    ];

    private static StripeTransferRow Transfer(string id, Guid payout, long amount, long reversed = 0, string destination = "acct_a") =>
        new(id, amount, reversed, destination, payout.ToString("D"));

    [Fact]
    public void Matching_books_balance_with_nothing_unmatched()
    {
        var match = TransferMatching.Match(Payouts, [Transfer("tr_1", PaidId, 1_500), Transfer("tr_2", ReversedId, 700, 700, "acct_b")]);

        Assert.Empty(match.Mismatches);
        Assert.True(match.Identity.Balanced);
        Assert.Equal((1_500, 1_500), (match.PaidCents, match.TransferredCents));
    }

    [Fact]
    public void Every_kind_of_difference_is_listed()
    {
        var stray = new StripeTransferRow("tr_stray", 50, 0, "acct_z", null);
        var match = TransferMatching.Match(Payouts,
        [
            Transfer("tr_1", PaidId, 1_400),
            Transfer("tr_1b", PaidId, 1_500, destination: "acct_x"),
            Transfer("tr_2", ReversedId, 700, 0, "acct_b"),
            stray,
        ]);

        var kinds = match.Mismatches.Select(m => (m.Kind, m.Reference)).ToList();
        Assert.Contains(("stripe-payout-with-several-transfers", PaidId.ToString("D")), kinds);
        Assert.Contains(("stripe-transfer-amount-differs", "tr_1"), kinds);
        Assert.Contains(("stripe-transfer-destination-differs", "tr_1b"), kinds);
        Assert.Contains(("stripe-failed-payout-with-transfer", ReversedId.ToString("D")), kinds);
        Assert.Contains(("stripe-transfer-without-payout", "tr_stray"), kinds);
        Assert.Equal(5, match.Mismatches.Count);
        Assert.False(match.Identity.Balanced);
        Assert.Equal(1_400 + 1_500 + 700 + 50, match.TransferredCents);
    }

    [Fact]
    public void A_paid_payout_without_a_transfer_is_listed_and_unbalances_the_identity()
    {
        var match = TransferMatching.Match(Payouts, []);

        var missing = Assert.Single(match.Mismatches);
        Assert.Equal(("stripe-payout-without-transfer", PaidId.ToString("D"), (long?)1_500), (missing.Kind, missing.Reference, missing.Amount));
        Assert.False(match.Identity.Balanced);
    }
}
