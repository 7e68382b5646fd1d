namespace GridStream.Domain.Payouts;

/// <summary>
/// What one owner is paid in a run: <see cref="Cents"/> leave the platform, <see cref="MicroCredits"/> (exactly
/// cents × rate) leave the owner's earnings. When nothing is paid, <see cref="Reason"/> says why.
/// </summary>
public sealed record PayoutDecision(long Cents, long MicroCredits, string? Reason)
{
    public bool IsDue => Cents > 0;

    public static PayoutDecision NotDue(string reason) => new(0, 0, reason);
}
