using System.Globalization;

namespace GridStream.Domain.Ledger;

/// <summary>
/// The transfers validated units cause (DESIGN §7), booked once per review rather than once per replica: for each
/// viewer and job, the credits of the replicas the review validated, from the platform's credit issuance into the
/// viewer's wallet; for each job, the price of the units the review accepted, from the customer's usage account to the
/// platform's revenue. A transfer's key names its first replica (or unit); the rows it books (compute_earnings,
/// compute_usage) carry that key, so each row is matched to one transfer and each transfer to the sum of its rows.
/// A replica or unit is booked once ever, so no key can come up twice.
/// </summary>
public static class ComputeTransfers
{
    public const string CreditKind = "compute.credit";
    public const string UsageKind = "compute.usage";

    public static readonly AccountRef Issuance = AccountRef.Platform(AccountPurpose.CreditIssuance, Currency.Credits);
    public static readonly AccountRef Revenue = AccountRef.Platform(AccountPurpose.Revenue, Currency.Usd);

    public static string CreditKey(long firstReplicaId) => string.Create(CultureInfo.InvariantCulture, $"compute-credit:{firstReplicaId}");

    public static string UsageKey(long firstUnitId) => string.Create(CultureInfo.InvariantCulture, $"compute-usage:{firstUnitId}");

    public static TransferRequest Credit(string key, Guid viewerId, Guid jobId, long microCredits) => new(
        key, Issuance, AccountRef.Of(viewerId, AccountPurpose.Wallet, Currency.Credits), microCredits, CreditKind, jobId.ToString("D"));

    public static TransferRequest Usage(string key, Guid customerId, Guid jobId, long cents) => new(
        key, AccountRef.Of(customerId, AccountPurpose.Usage, Currency.Usd), Revenue, cents, UsageKind, jobId.ToString("D"));

    /// <summary>
    /// Groups a review's credits by viewer and job and its usage by job, one transfer per group. Usage of nothing
    /// (free jobs) gets no key and no transfer.
    /// </summary>
    public static ReviewBooking Book(IReadOnlyCollection<CreditLine> credits, IReadOnlyCollection<UsageLine> usage)
    {
        ArgumentNullException.ThrowIfNull(credits);
        ArgumentNullException.ThrowIfNull(usage);
        var transfers = new List<TransferRequest>();
        var creditKeys = new Dictionary<long, string>();
        foreach (var group in credits.GroupBy(c => (c.ViewerId, c.JobId)).OrderBy(g => g.Min(c => c.ReplicaId)))
        {
            var key = CreditKey(group.Min(c => c.ReplicaId));
            transfers.Add(Credit(key, group.Key.ViewerId, group.Key.JobId, group.Aggregate(0L, (sum, c) => checked(sum + c.MicroCredits))));
            foreach (var line in group)
            {
                creditKeys.Add(line.ReplicaId, key);
            }
        }

        var usageKeys = new Dictionary<long, string>();
        foreach (var group in usage.Where(u => u.Cents > 0).GroupBy(u => (u.CustomerId, u.JobId)).OrderBy(g => g.Min(u => u.UnitId)))
        {
            var key = UsageKey(group.Min(u => u.UnitId));
            transfers.Add(Usage(key, group.Key.CustomerId, group.Key.JobId, group.Aggregate(0L, (sum, u) => checked(sum + u.Cents))));
            foreach (var line in group)
            {
                usageKeys.Add(line.UnitId, key);
            }
        }

        return new ReviewBooking(creditKeys, usageKeys, transfers);
    }
}
