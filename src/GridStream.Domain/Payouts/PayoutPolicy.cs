namespace GridStream.Domain.Payouts;

/// <summary>
/// How earned credits become dollars: <paramref name="MicroCreditsPerCent"/> is the exchange rate (the same one that
/// turned customers' cents into viewers' credits), <paramref name="MinimumCents"/> the smallest payout worth sending.
/// </summary>
public sealed record PayoutPolicy(long MicroCreditsPerCent, long MinimumCents)
{
    public const long DefaultMinimumCents = 100;

    /// <summary>Returns why the policy cannot be used, or null when it can.</summary>
    public string? Error() => MicroCreditsPerCent < 1
        ? $"The exchange rate must be at least 1 micro-credit per cent (it is {MicroCreditsPerCent})."
        : MinimumCents < 1
            ? $"The minimum payout must be at least 1 cent (it is {MinimumCents})."
            : null;
}
