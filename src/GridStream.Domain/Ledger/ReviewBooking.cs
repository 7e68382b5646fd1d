namespace GridStream.Domain.Ledger;

/// <summary>A viewer's credits for one validated replica, as a review books them.</summary>
public sealed record CreditLine(long ReplicaId, Guid ViewerId, Guid JobId, long MicroCredits);

/// <summary>What a customer owes for one accepted unit, as a review books it.</summary>
public sealed record UsageLine(long UnitId, Guid CustomerId, Guid JobId, long Cents);

/// <summary>
/// What a review posts: its transfers, and the key of the transfer each replica's credits and each unit's usage are
/// booked under (units without a price are in no transfer and have no key).
/// </summary>
public sealed record ReviewBooking(
    IReadOnlyDictionary<long, string> CreditKeys, IReadOnlyDictionary<long, string> UsageKeys, IReadOnlyList<TransferRequest> Transfers)
{
    public static ReviewBooking Nothing { get; } = new(new Dictionary<long, string>(), new Dictionary<long, string>(), []);
}
