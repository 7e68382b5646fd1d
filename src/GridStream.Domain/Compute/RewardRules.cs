namespace GridStream.Domain.Compute;

/// <summary>
/// What the viewers earn for one accepted unit, in integers only: the unit's price in cents converted to micro-credits,
/// the viewers' share of that (rounded down), split equally among the valid replicas. What an uneven split leaves
/// over goes to the platform, with the platform's own share, so viewers of one unit always earn the same and the
/// amounts always add up to the whole price.
/// </summary>
public static class RewardRules
{
    public static IReadOnlyList<long> MicroCreditsPerValidReplica(long priceCentsPerUnit, int validReplicas, RewardRates rates)
    {
        var split = Split(priceCentsPerUnit, validReplicas, rates);
        return Enumerable.Repeat(split.PerReplica, validReplicas).ToList();
    }

    /// <exception cref="OverflowException">The price in micro-credits does not fit in a long.</exception>
    public static RewardSplit Split(long priceCentsPerUnit, int validReplicas, RewardRates rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentOutOfRangeException.ThrowIfNegative(priceCentsPerUnit);
        ArgumentOutOfRangeException.ThrowIfLessThan(validReplicas, 1);
        if (rates.MicroCreditsPerCent < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rates), rates.MicroCreditsPerCent, "Micro-credits per cent cannot be negative.");
        }

        if (rates.ViewerSharePercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(rates), rates.ViewerSharePercent, "The viewers' share is a percentage from 0 to 100.");
        }

        long total;
        try
        {
            total = checked(priceCentsPerUnit * rates.MicroCreditsPerCent);
        }
        catch (OverflowException exception)
        {
            throw new OverflowException($"{priceCentsPerUnit} cents at {rates.MicroCreditsPerCent} micro-credits per cent do not fit in a long.", exception);
        }

        // 128-bit so the share of a price near long.MaxValue cannot overflow before the division.
        var viewersPool = (long)((Int128)total * rates.ViewerSharePercent / 100);
        var perReplica = viewersPool / validReplicas;
        return new RewardSplit(total, perReplica, validReplicas, total - perReplica * validReplicas);
    }
}
