using GridStream.Domain.Payouts;

namespace GridStream.Domain.Tests.Payouts;

public sealed class PayoutSettlementTests
{
    [Fact]
    public void A_payout_in_transit_can_be_confirmed_or_failed()
    {
        Assert.Equal(SettlementAction.Apply, PayoutSettlement.Confirm(PayoutState.InTransit, null, "bank-1").Action);
        Assert.Equal(SettlementAction.Apply, PayoutSettlement.Fail(PayoutState.InTransit).Action);
    }

    [Fact]
    public void Repeating_a_settlement_is_harmless()
    {
        Assert.Equal(SettlementAction.AlreadyDone, PayoutSettlement.Confirm(PayoutState.Paid, "bank-1", "bank-1").Action);
        Assert.Equal(SettlementAction.AlreadyDone, PayoutSettlement.Fail(PayoutState.Failed).Action);
    }

    [Fact]
    public void Final_states_do_not_turn_into_each_other_and_one_payout_has_one_reference()
    {
        var otherReference = PayoutSettlement.Confirm(PayoutState.Paid, "bank-1", "bank-2");
        var confirmFailed = PayoutSettlement.Confirm(PayoutState.Failed, null, "bank-1");
        var failPaid = PayoutSettlement.Fail(PayoutState.Paid);

        Assert.Equal(SettlementAction.Conflict, otherReference.Action);
        Assert.Contains("'bank-1'", otherReference.Error);
        Assert.Equal(SettlementAction.Conflict, confirmFailed.Action);
        Assert.Equal(SettlementAction.Conflict, failPaid.Action);
        Assert.Contains("already paid", failPaid.Error);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("   ", "empty")]
    [InlineData("a\nb", "control characters")]
    public void References_and_reasons_must_be_readable_text(string? text, string expected) =>
        Assert.Contains(expected, PayoutSettlement.TextError(text, "external reference", 200));

    [Fact]
    public void Overlong_text_is_refused_and_ordinary_text_accepted()
    {
        Assert.Contains("201 characters", PayoutSettlement.TextError(new string('x', 201), "external reference", 200));
        Assert.Null(PayoutSettlement.TextError("SEPA 2026-11-25 #4411", "external reference", 200));
    }
}
