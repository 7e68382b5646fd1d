namespace GridStream.Domain.Billing;

/// <summary>
/// How the usage outbox is relayed to Stripe: <paramref name="BatchSize"/> rows per database round trip,
/// <paramref name="AttemptsPerRun"/> tries of one row within one relay run before it waits for a later run, and the
/// backoff between tries (doubling from <paramref name="FirstDelay"/>, never more than <paramref name="MaxDelay"/>).
/// </summary>
public sealed record UsageRelayPolicy(int BatchSize, int AttemptsPerRun, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    /// <summary>Stripe's live mode allows about 1,000 meter events a second; a relay run stays far below that.</summary>
    public static readonly UsageRelayPolicy Default = new(BatchSize: 100, AttemptsPerRun: 3,
        FirstDelay: TimeSpan.FromMilliseconds(500), MaxDelay: TimeSpan.FromMinutes(30));

    /// <summary>Returns why the policy cannot be used, or null when it can.</summary>
    public string? Error() =>
        BatchSize is < 1 or > 1_000 ? $"The relay batch size must be 1–1000 (it is {BatchSize})."
        : AttemptsPerRun is < 1 or > 10 ? $"The attempts per relay run must be 1–10 (they are {AttemptsPerRun})."
        : FirstDelay <= TimeSpan.Zero || MaxDelay < FirstDelay
            ? $"The relay backoff needs 0 < first delay ({FirstDelay}) ≤ max delay ({MaxDelay})."
            : null;
}
