namespace GridStream.Domain.Payouts;

/// <summary>
/// The owner's earnings account around one payout, in micro-credits. <see cref="BroughtForward"/> was outstanding
/// before this period's sales (remainders below a cent, or what platform revenue could not cover), <see cref="CarriedForward"/> is
/// outstanding after the payout: brought forward + period earnings − converted = carried forward, always.
/// </summary>
public sealed record PayoutFigures(long BroughtForward, long PeriodEarnings, long CreditsConverted, long CarriedForward)
{
    /// <param name="outstanding">The owner's outstanding earnings at the run, this period's sales included.</param>
    /// <param name="periodEarnings">The owner's earnings from this period's sales.</param>
    /// <param name="creditsConverted">What the payout takes from the earnings.</param>
    public static PayoutFigures At(long outstanding, long periodEarnings, long creditsConverted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periodEarnings);
        ArgumentOutOfRangeException.ThrowIfNegative(creditsConverted);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(periodEarnings, outstanding);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(creditsConverted, outstanding);
        return new PayoutFigures(outstanding - periodEarnings, periodEarnings, creditsConverted, outstanding - creditsConverted);
    }

    public bool TiesOut => BroughtForward + PeriodEarnings - CreditsConverted == CarriedForward;
}
