namespace GridStream.Domain.Ledger;

/// <summary>
/// One transfer as seen from one account: <see cref="Amount"/> is signed from that account's side (credits in are
/// positive, debits out negative), <see cref="Counterparty"/> is the other side.
/// </summary>
public sealed record LedgerEntry(
    long TransferId,
    string IdempotencyKey,
    string Kind,
    string? Reference,
    long Amount,
    AccountRef Counterparty,
    TransferState State,
    long? PendingTransferId,
    DateTimeOffset CreatedAt);

/// <summary>A page of an account's history, newest first; pages count from 1.</summary>
public sealed record TransferPage(int Page, int PageSize, long TotalCount, IReadOnlyList<LedgerEntry> Entries);
