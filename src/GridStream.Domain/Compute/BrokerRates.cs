namespace GridStream.Domain.Compute;

/// <summary>What the replicas that finished in a recent window came to.</summary>
/// <param name="Finished">Replicas that came back or timed out (in-flight ones are not counted).</param>
/// <param name="Valid">Results that agreed with the canonical result.</param>
/// <param name="Invalid">Results that disagreed with it.</param>
/// <param name="Errored">Errors and timeouts.</param>
public sealed record ReplicaWindow(long Finished, long Valid, long Invalid, long Errored);

/// <summary>Rates in basis points (per ten thousand) so they are exact integers; validated units per second as a figure to show.</summary>
public sealed record BrokerRateFigures(double ValidatedPerSecond, int ErrorRatePerTenThousand, int DisagreementRatePerTenThousand);

/// <summary>The broker's health rates from counts the database aggregates over bounded windows.</summary>
public static class BrokerRates
{
    /// <remarks>
    /// The error rate is errors and timeouts among finished replicas; the disagreement rate is invalid results among
    /// the checked ones (valid + invalid), so replicas still waiting for a quorum do not dilute it. Nothing in the
    /// window gives rates of zero, not a division by zero. A window of zero or less measures no throughput.
    /// </remarks>
    public static BrokerRateFigures Compute(long unitsAcceptedInWindow, TimeSpan window, ReplicaWindow replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        ArgumentOutOfRangeException.ThrowIfNegative(unitsAcceptedInWindow);
        ArgumentOutOfRangeException.ThrowIfNegative(replicas.Finished, nameof(replicas));
        ArgumentOutOfRangeException.ThrowIfNegative(replicas.Valid, nameof(replicas));
        ArgumentOutOfRangeException.ThrowIfNegative(replicas.Invalid, nameof(replicas));
        ArgumentOutOfRangeException.ThrowIfNegative(replicas.Errored, nameof(replicas));
        if (replicas.Errored > replicas.Finished || replicas.Valid + replicas.Invalid > replicas.Finished)
        {
            throw new ArgumentException("Errors, or valid and invalid results, cannot outnumber the finished replicas.", nameof(replicas));
        }

        var perSecond = window > TimeSpan.Zero ? unitsAcceptedInWindow / window.TotalSeconds : 0.0;
        return new BrokerRateFigures(
            perSecond,
            PerTenThousand(replicas.Errored, replicas.Finished),
            PerTenThousand(replicas.Invalid, replicas.Valid + replicas.Invalid));
    }

    /// <summary>Rounded down, like the swarm's P2P share, so 9,999 of 10,000 never shows as 100 %.</summary>
    public static int PerTenThousand(long part, long whole) =>
        whole == 0 ? 0 : (int)((Int128)part * 10_000 / whole);
}
