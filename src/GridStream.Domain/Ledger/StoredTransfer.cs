namespace GridStream.Domain.Ledger;

/// <summary>A transfer as written: its id, its content, its state and, for a resolution, the pending transfer it resolves.</summary>
public sealed record StoredTransfer(long Id, TransferRequest Content, TransferState State, long? PendingTransferId = null);
