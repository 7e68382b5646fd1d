namespace GridStream.Domain.Ledger;

/// <summary>
/// Decides a batch of transfer requests in order, each seeing the effect of those before it, against the transfers
/// already stored under the same keys and the accounts' current (locked) balances. A rejected request moves nothing
/// and does not stop the others. Nothing here writes: the store writes exactly <see cref="BatchDecision.ToWrite"/>.
/// </summary>
public static class TransferBatch
{
    public static BatchDecision Decide(
        IReadOnlyList<TransferRequest> requests,
        IReadOnlyDictionary<string, StoredTransfer> storedByKey,
        IReadOnlyDictionary<AccountRef, AccountBalance> balances)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(storedByKey);
        ArgumentNullException.ThrowIfNull(balances);

        var current = new Dictionary<AccountRef, AccountBalance>(balances);
        var decisions = new List<TransferDecision>(requests.Count);
        var toWrite = new List<TransferRequest>();
        var writtenByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            decisions.Add(DecideOne(request, storedByKey, current, toWrite, writtenByKey));
        }

        return new BatchDecision(decisions, toWrite, current);
    }

    private static TransferDecision DecideOne(
        TransferRequest request,
        IReadOnlyDictionary<string, StoredTransfer> storedByKey,
        Dictionary<AccountRef, AccountBalance> current,
        List<TransferRequest> toWrite,
        Dictionary<string, int> writtenByKey)
    {
        if (TransferRules.Validate(request) is { } invalid)
        {
            return new TransferDecision(TransferOutcome.Invalid, invalid);
        }

        if (storedByKey.TryGetValue(request.IdempotencyKey, out var stored))
        {
            return stored.PendingTransferId is null && stored.Content.SameContentAs(request)
                ? new TransferDecision(TransferOutcome.AlreadyDone, null, ExistingTransferId: stored.Id)
                : KeyReused(request.IdempotencyKey, stored.Id);
        }

        if (writtenByKey.TryGetValue(request.IdempotencyKey, out var earlier))
        {
            return toWrite[earlier].SameContentAs(request)
                ? new TransferDecision(TransferOutcome.AlreadyDone, null, WriteIndex: earlier)
                : KeyReused(request.IdempotencyKey, null);
        }

        var debitBefore = current.GetValueOrDefault(request.Debit, AccountBalance.Zero);
        var creditBefore = current.GetValueOrDefault(request.Credit, AccountBalance.Zero);
        var (debitDelta, creditDelta) = request.Pending
            ? (new AccountDelta(0, 0, request.Amount, 0), new AccountDelta(0, 0, 0, request.Amount))
            : (new AccountDelta(request.Amount, 0, 0, 0), new AccountDelta(0, request.Amount, 0, 0));
        AccountBalance debitAfter, creditAfter;
        try
        {
            debitAfter = debitBefore.Apply(debitDelta);
            creditAfter = creditBefore.Apply(creditDelta);
        }
        catch (OverflowException)
        {
            return new TransferDecision(TransferOutcome.Invalid, $"The amount {request.Amount} would overflow an account's totals.");
        }

        if (!request.Debit.MayGoNegative && debitAfter.Available < 0)
        {
            return new TransferDecision(TransferOutcome.InsufficientFunds,
                $"Account {request.Debit} has {debitBefore.Available} available; {request.Amount} {request.Currency} cannot be taken from it.");
        }

        current[request.Debit] = debitAfter;
        current[request.Credit] = creditAfter;
        writtenByKey[request.IdempotencyKey] = toWrite.Count;
        toWrite.Add(request);
        return new TransferDecision(request.Pending ? TransferOutcome.PendingCreated : TransferOutcome.Posted, null, WriteIndex: toWrite.Count - 1);
    }

    private static TransferDecision KeyReused(string key, long? existingId) => new(
        TransferOutcome.KeyReusedWithDifferentContent,
        $"The idempotency key '{key}' was already used for a different transfer; nothing moved.",
        ExistingTransferId: existingId);
}
