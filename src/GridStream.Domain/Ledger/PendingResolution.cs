namespace GridStream.Domain.Ledger;

/// <summary>
/// Posting or voiding a pending transfer (two-phase, for flows an outside party must confirm). The resolution is a
/// new transfer with its own key; the pending one is never changed, and at most one resolution may reference it.
/// </summary>
public static class PendingResolution
{
    /// <param name="pending">The transfer stored under the pending key, or null when there is none.</param>
    /// <param name="existingResolution">The transfer that already resolves <paramref name="pending"/>, if any.</param>
    /// <param name="storedUnderNewKey">The transfer already stored under <paramref name="newKey"/>, if any.</param>
    /// <returns>Null when the resolution may be written; otherwise the result to return (a repeat or a rejection).</returns>
    public static TransferDecision? Decide(
        string pendingKey, string newKey, TransferState resolution,
        StoredTransfer? pending, StoredTransfer? existingResolution, StoredTransfer? storedUnderNewKey)
    {
        if (resolution == TransferState.Pending || !Enum.IsDefined(resolution))
        {
            return new TransferDecision(TransferOutcome.Invalid, "A pending transfer is resolved by posting or voiding it.");
        }

        if ((TransferRules.KeyError(pendingKey) ?? TransferRules.KeyError(newKey)) is { } keyError)
        {
            return new TransferDecision(TransferOutcome.Invalid, keyError);
        }

        if (pending is null)
        {
            return new TransferDecision(TransferOutcome.Invalid, $"There is no transfer with the key '{pendingKey}'.");
        }

        if (pending.State != TransferState.Pending)
        {
            return new TransferDecision(TransferOutcome.Invalid, $"The transfer '{pendingKey}' is {pending.State}, not pending.");
        }

        if (storedUnderNewKey is not null)
        {
            return storedUnderNewKey.PendingTransferId == pending.Id && storedUnderNewKey.State == resolution
                ? new TransferDecision(TransferOutcome.AlreadyDone, null, ExistingTransferId: storedUnderNewKey.Id)
                : new TransferDecision(TransferOutcome.KeyReusedWithDifferentContent,
                    $"The idempotency key '{newKey}' was already used for a different transfer; nothing moved.", ExistingTransferId: storedUnderNewKey.Id);
        }

        if (existingResolution is not null)
        {
            return new TransferDecision(TransferOutcome.PendingAlreadyResolved,
                $"The pending transfer '{pendingKey}' was already {existingResolution.State.ToString().ToLowerInvariant()} by '{existingResolution.Content.IdempotencyKey}'.",
                ExistingTransferId: existingResolution.Id);
        }

        return null;
    }

    /// <summary>How the resolution changes the two accounts: the reservation goes away and, when posted, the money moves.</summary>
    public static (AccountDelta Debit, AccountDelta Credit) Deltas(long amount, TransferState resolution) => resolution == TransferState.Posted
        ? (new AccountDelta(amount, 0, -amount, 0), new AccountDelta(0, amount, 0, -amount))
        : (new AccountDelta(0, 0, -amount, 0), new AccountDelta(0, 0, 0, -amount));
}
