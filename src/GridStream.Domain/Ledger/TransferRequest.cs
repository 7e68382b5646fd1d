namespace GridStream.Domain.Ledger;

/// <summary>
/// One transfer a flow asks for: <paramref name="Amount"/> (cents or micro-credits) moves from
/// <paramref name="Debit"/> to <paramref name="Credit"/>. The idempotency key is the caller's id for this transfer:
/// asking again with the same key and the same content has no further effect. <paramref name="Pending"/> reserves
/// the amount until it is posted or voided.
/// </summary>
public sealed record TransferRequest(
    string IdempotencyKey, AccountRef Debit, AccountRef Credit, long Amount, string Kind, string? Reference = null, bool Pending = false)
{
    public Currency Currency => Debit.Currency;

    /// <summary>Whether an existing transfer with this key is this very request (same key, same content).</summary>
    public bool SameContentAs(TransferRequest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Equals(other);
    }
}
