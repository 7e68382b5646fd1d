using GridStream.Domain.Payouts;

namespace GridStream.Domain.Tests.Payouts;

public sealed class StripeTransferEventsTests
{
    [Fact]
    public void Created_confirms_a_payout_in_transit_once()
    {
        Assert.Equal(TransferEffect.Confirm, StripeTransferEvents.OnCreated(PayoutState.InTransit, null, "tr_1", 500, 0).Effect);
        Assert.Equal(TransferEffect.Nothing, StripeTransferEvents.OnCreated(PayoutState.Paid, "tr_1", "tr_1", 500, 0).Effect);
    }

    [Fact]
    public void Reversed_fails_a_payout_in_transit_and_reverses_a_paid_one_but_only_its_own_transfer()
    {
        Assert.Equal(TransferEffect.Fail, StripeTransferEvents.OnReversed(PayoutState.InTransit, null, "tr_1", 500, 500).Effect);
        Assert.Equal(TransferEffect.ReversePaid, StripeTransferEvents.OnReversed(PayoutState.Paid, "tr_1", "tr_1", 500, 500).Effect);
        Assert.Equal(TransferEffect.Nothing, StripeTransferEvents.OnReversed(PayoutState.Paid, "tr_1", "tr_2", 500, 500).Effect);
        Assert.Equal(TransferEffect.Nothing, StripeTransferEvents.OnReversed(PayoutState.Failed, "tr_1", "tr_1", 500, 500).Effect);
    }

    [Fact]
    public void A_partial_reversal_is_left_to_an_admin()
    {
        var decision = StripeTransferEvents.OnReversed(PayoutState.Paid, "tr_1", "tr_1", 500, 200);

        Assert.Equal(TransferEffect.Nothing, decision.Effect);
        Assert.Contains("200 of 500", decision.Explanation);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Created_and_reversed_in_either_order_end_with_the_payout_reversed(bool createdFirst)
    {
        var state = PayoutState.InTransit;
        string? reference = null;
        var events = createdFirst ? new[] { "created", "reversed", "created", "reversed" } : ["reversed", "created", "reversed", "created"];
        foreach (var type in events)
        {
            var decision = type == "created"
                ? StripeTransferEvents.OnCreated(state, reference, "tr_9", 700, 0)
                : StripeTransferEvents.OnReversed(state, reference, "tr_9", 700, 700);
            (state, reference) = decision.Effect switch
            {
                TransferEffect.Confirm => (PayoutState.Paid, "tr_9"),
                TransferEffect.Fail or TransferEffect.ReversePaid => (PayoutState.Failed, reference),
                _ => (state, reference),
            };
        }

        Assert.Equal(PayoutState.Failed, state);
    }

    [Fact]
    public void A_created_event_whose_transfer_is_already_reversed_counts_as_reversed()
    {
        Assert.Equal(TransferEffect.Fail, StripeTransferEvents.OnCreated(PayoutState.InTransit, null, "tr_1", 500, 500).Effect);
    }
}
