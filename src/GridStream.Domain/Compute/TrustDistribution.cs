namespace GridStream.Domain.Compute;

/// <summary>Accounts whose consecutive-valid count lies in [<see cref="From"/>, <see cref="To"/>] (To null: no upper end).</summary>
public sealed record TrustBucket(string Label, int From, int? To, bool Trusted, long Accounts);

/// <summary>
/// The operator's picture of trust: computing accounts in three buckets — untrusted at zero (new, or caught lying),
/// earning trust (1 to one below <see cref="TrustRules.TrustedAfter"/>) and trusted (may run alone).
/// </summary>
public static class TrustDistribution
{
    /// <summary>
    /// Counts above this are all "trusted", so the database only needs to group by the count capped here: at most
    /// <c>TrustedAfter + 1</c> rows, however many accounts there are.
    /// </summary>
    public const int CountCap = TrustRules.TrustedAfter;

    /// <param name="accountsByCount">Pairs of (consecutive-valid count, accounts with it); counts may repeat or exceed the cap.</param>
    public static IReadOnlyList<TrustBucket> Bucket(IEnumerable<(int ConsecutiveValid, long Accounts)> accountsByCount)
    {
        ArgumentNullException.ThrowIfNull(accountsByCount);
        long zero = 0, earning = 0, trusted = 0;
        foreach (var (count, accounts) in accountsByCount)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(accountsByCount));
            ArgumentOutOfRangeException.ThrowIfNegative(accounts, nameof(accountsByCount));
            if (count == 0)
            {
                zero = checked(zero + accounts);
            }
            else if (TrustRules.IsTrusted(count))
            {
                trusted = checked(trusted + accounts);
            }
            else
            {
                earning = checked(earning + accounts);
            }
        }

        var lastEarning = TrustRules.TrustedAfter - 1;
        return
        [
            new TrustBucket("0", 0, 0, false, zero),
            new TrustBucket($"1–{lastEarning}", 1, lastEarning, false, earning),
            new TrustBucket($"≥{TrustRules.TrustedAfter} (trusted)", TrustRules.TrustedAfter, null, true, trusted),
        ];
    }
}
