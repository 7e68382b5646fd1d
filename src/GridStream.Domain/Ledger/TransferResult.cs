namespace GridStream.Domain.Ledger;

public sealed record TransferResult(string IdempotencyKey, TransferOutcome Outcome, long? TransferId, string? Error)
{
    /// <summary>The transfer stands (now or from an earlier call with the same key).</summary>
    public bool Succeeded => Outcome is TransferOutcome.Posted or TransferOutcome.PendingCreated or TransferOutcome.Voided
        or TransferOutcome.AlreadyDone;

    public static TransferResult Rejected(string key, TransferOutcome outcome, string error) => new(key, outcome, null, error);
}
