using GridStream.Domain.Ledger;

namespace GridStream.Server.Data;

/// <summary>An immutable transfer row; a pending transfer is resolved by a second row that references it.</summary>
public sealed class LedgerTransfer
{
    public long Id { get; set; }
    public required string IdempotencyKey { get; set; }
    public long DebitAccountId { get; set; }
    public long CreditAccountId { get; set; }
    public long Amount { get; set; }
    public Currency Currency { get; set; }
    public required string Kind { get; set; }
    public string? Reference { get; set; }
    public TransferState State { get; set; }
    public long? PendingTransferId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
