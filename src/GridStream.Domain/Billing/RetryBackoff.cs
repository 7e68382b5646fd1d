namespace GridStream.Domain.Billing;

/// <summary>
/// How long to wait before trying a refused-for-now Stripe call again: doubling per attempt up to the policy's cap,
/// but never sooner than Stripe's Retry-After (itself capped). No random jitter, so the schedule is reproducible; the
/// relay is a single sender per database (it holds a lock), so there is no herd to spread out.
/// </summary>
public static class RetryBackoff
{
    /// <param name="failedAttempts">How many attempts have failed so far (1 after the first failure).</param>
    public static TimeSpan Delay(int failedAttempts, UsageRelayPolicy policy, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        ArgumentNullException.ThrowIfNull(policy);

        // Comparing against the cap shifted right avoids overflowing the shift left.
        var doublings = Math.Min(failedAttempts - 1, 62);
        var exponential = policy.FirstDelay.Ticks > policy.MaxDelay.Ticks >> doublings
            ? policy.MaxDelay
            : TimeSpan.FromTicks(policy.FirstDelay.Ticks << doublings);
        if (retryAfter is { } asked && asked > exponential)
        {
            return asked < policy.MaxDelay ? asked : policy.MaxDelay;
        }

        return exponential;
    }
}
