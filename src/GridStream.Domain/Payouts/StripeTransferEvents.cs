namespace GridStream.Domain.Payouts;

/// <summary>What a Stripe transfer event does to the payout it belongs to.</summary>
public enum TransferEffect
{
    /// <summary>Nothing to change: a repeat, a late event, or something only an admin can sort out.</summary>
    Nothing,

    /// <summary>The money left: post the payout's pending transfers under the transfer id.</summary>
    Confirm,

    /// <summary>The transfer was reversed before we counted the payout as paid: void its pending transfers.</summary>
    Fail,

    /// <summary>A paid payout's transfer was reversed: reversing ledger transfers, the credits are outstanding again.</summary>
    ReversePaid,
}

public sealed record TransferEventDecision(TransferEffect Effect, string Explanation);

/// <summary>
/// transfer.created and transfer.reversed, decided from the payout's state and the transfer the event carries, so the
/// outcome does not depend on arrival order: reversed-then-created ends reversed (created finds a failed payout),
/// created-then-reversed ends reversed too, and every repeat finds the work done.
/// </summary>
public static class StripeTransferEvents
{
    public static TransferEventDecision OnCreated(PayoutState state, string? paidReference, string transferId, long amount, long amountReversed)
    {
        if (amountReversed > 0)
        {
            return OnReversed(state, paidReference, transferId, amount, amountReversed);
        }

        return state switch
        {
            PayoutState.InTransit => new(TransferEffect.Confirm, $"Payout paid by Stripe transfer {transferId}."),
            PayoutState.Paid when paidReference == transferId => new(TransferEffect.Nothing, $"Already paid by transfer {transferId}: nothing changed."),
            PayoutState.Paid => new(TransferEffect.Nothing,
                $"The payout was paid by transfer {paidReference}; transfer {transferId} is a second one and is listed by the reconciliation."),
            _ => new(TransferEffect.Nothing, $"The payout already failed or was reversed: transfer {transferId} changes nothing."),
        };
    }

    public static TransferEventDecision OnReversed(PayoutState state, string? paidReference, string transferId, long amount, long amountReversed)
    {
        if (amountReversed < amount)
        {
            // Our payouts are reversed whole (a failed bank transfer); a partial reversal was made by hand at Stripe.
            return new(TransferEffect.Nothing,
                $"Transfer {transferId} is reversed in part ({amountReversed} of {amount} cents): left to an admin; the reconciliation shows the difference.");
        }

        return state switch
        {
            PayoutState.InTransit => new(TransferEffect.Fail, $"Stripe reversed transfer {transferId} before it was confirmed: payout failed, credits outstanding again."),
            PayoutState.Paid when paidReference == transferId => new(TransferEffect.ReversePaid,
                $"Stripe reversed transfer {transferId}: the payout is reversed, its credits are outstanding again."),
            PayoutState.Paid => new(TransferEffect.Nothing,
                $"The payout was paid by transfer {paidReference}, not {transferId}: nothing changed; the reconciliation lists it."),
            _ => new(TransferEffect.Nothing, $"The payout already failed or was reversed: nothing changed."),
        };
    }

    /// <summary>The failure reason a payout gets when its paid transfer is reversed (the payout then shows Failed).</summary>
    public static string ReversedReason(string transferId) => $"Reversed by Stripe: transfer {transferId} was reversed after it was paid.";
}
