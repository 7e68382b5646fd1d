namespace GridStream.Domain.Compute;

/// <summary>
/// Adaptive replication (BOINC): an account's trust is its count of consecutive valid results; at
/// <see cref="TrustedAfter"/> or more its units may run alone with probability 1 − 1/CV.
/// </summary>
/// <remarks>
/// Only evidence grows trust: a result validated by agreement with another account
/// (<see cref="UnitVerdict.Accepted.IsCorroborated"/>), a matching late result, or a passed known-answer check. A
/// result accepted alone proves nothing, so it leaves trust where it is (as in BOINC's validator); otherwise a trusted
/// liar's unchecked lies would keep raising its trust. An invalid result resets trust to zero. An error or timeout
/// halves it, where BOINC resets it: an error is no proof of a wrong answer, and viewers who close the tab mid-unit
/// are normal here, so one dropped unit should not wipe out a long record; but a device that fails often (crashes,
/// runs out of memory, overheats) is also likelier to compute wrongly, and halving keeps it from staying trusted on
/// the strength of old results.
/// </remarks>
public static class TrustRules
{
    public const int TrustedAfter = 10;

    public static bool IsTrusted(int consecutiveValid) => CheckCount(consecutiveValid) >= TrustedAfter;

    public static int AfterValid(int consecutiveValid) =>
        CheckCount(consecutiveValid) == int.MaxValue ? int.MaxValue : consecutiveValid + 1;

    public static int AfterInvalid(int consecutiveValid)
    {
        CheckCount(consecutiveValid);
        return 0;
    }

    public static int AfterError(int consecutiveValid) => CheckCount(consecutiveValid) / 2;

    /// <param name="uniform01">A random draw in [0, 1) from the caller, so the rule stays pure and testable.</param>
    public static bool MayRunAlone(int consecutiveValid, double uniform01)
    {
        CheckDraw(uniform01);
        return IsTrusted(consecutiveValid) && uniform01 < 1.0 - 1.0 / consecutiveValid;
    }

    internal static void CheckDraw(double uniform01, string name = "uniform01")
    {
        if (!(uniform01 >= 0 && uniform01 < 1))
        {
            throw new ArgumentOutOfRangeException(name, uniform01, "A random draw in [0, 1).");
        }
    }

    private static int CheckCount(int consecutiveValid)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(consecutiveValid);
        return consecutiveValid;
    }
}
