namespace GridStream.Domain.Ledger;

/// <summary>
/// What happens to one request of a batch. A request that moves money names its place in
/// <see cref="BatchDecision.ToWrite"/>; an idempotent repeat names the transfer that already stands.
/// </summary>
public sealed record TransferDecision(TransferOutcome Outcome, string? Error, long? ExistingTransferId = null, int? WriteIndex = null);

/// <summary>The decisions, one per request and in order, the transfers to write and the balances afterwards.</summary>
public sealed record BatchDecision(
    IReadOnlyList<TransferDecision> Decisions,
    IReadOnlyList<TransferRequest> ToWrite,
    IReadOnlyDictionary<AccountRef, AccountBalance> BalancesAfter);
