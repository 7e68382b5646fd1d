namespace GridStream.Domain.Payouts;

/// <summary>
/// Which owners a payout run pays and how much, in integers only. Only whole cents are converted: the credits moved
/// are cents × rate and what is left below one cent stays outstanding for the next run. Dollars leave from the
/// platform's revenue, which can never go below zero, so a run pays no more than revenue holds.
/// </summary>
public static class PayoutRules
{
    /// <param name="outstandingMicroCredits">The owner's earnings not yet converted (available: payouts in transit excluded).</param>
    /// <param name="revenueAvailableCents">What the platform's revenue account can still pay out.</param>
    public static PayoutDecision Decide(long outstandingMicroCredits, long revenueAvailableCents, PayoutPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Error() is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(policy));
        }

        if (outstandingMicroCredits <= 0)
        {
            return PayoutDecision.NotDue("Nothing is outstanding.");
        }

        var earnedCents = outstandingMicroCredits / policy.MicroCreditsPerCent;
        if (earnedCents < policy.MinimumCents)
        {
            return PayoutDecision.NotDue(
                $"Outstanding earnings are worth {earnedCents} cents, below the minimum payout of {policy.MinimumCents} cents.");
        }

        var cents = Math.Min(earnedCents, Math.Max(revenueAvailableCents, 0));
        if (cents < policy.MinimumCents)
        {
            return PayoutDecision.NotDue(
                $"Outstanding earnings are worth {earnedCents} cents but platform revenue holds only {Math.Max(revenueAvailableCents, 0)} cents.");
        }

        // cents ≤ outstanding / rate, so the product fits in a long and never exceeds what is outstanding.
        return new PayoutDecision(cents, cents * policy.MicroCreditsPerCent, null);
    }
}
