namespace GridStream.Domain.Payouts;

/// <summary>
/// What Stripe last said about an owner's connected account, as of <see cref="ObservedAt"/> (the time Stripe stamped
/// on the object or event that said it).
/// </summary>
public sealed record ConnectAccountStatus(
    bool PayoutsEnabled, bool TransfersActive, IReadOnlyList<string> CurrentlyDue, DateTimeOffset ObservedAt)
{
    /// <summary>Transfers to the account succeed and reach the owner's bank.</summary>
    public bool Ready => PayoutsEnabled && TransfersActive;

    /// <summary>Used only to break ties between two observations of the same second.</summary>
    internal int Progress => (PayoutsEnabled ? 1 : 0) + (TransfersActive ? 1 : 0);
}

/// <summary>
/// Whether an owner's connected account can be paid, and which account.updated wins. Stripe delivers events in any
/// order and more than once, so the newest observation wins, whatever order they arrive in.
/// </summary>
public static class ConnectReadiness
{
    /// <summary>
    /// True when <paramref name="incoming"/> should replace <paramref name="stored"/>: it is newer, or of the same
    /// second and further along (Stripe's times have one-second resolution, and a tie must not be decided by arrival
    /// order; onboarding moves forward far more often than back within one second).
    /// </summary>
    public static bool Replaces(ConnectAccountStatus? stored, ConnectAccountStatus incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (stored is null || incoming.ObservedAt > stored.ObservedAt)
        {
            return true;
        }

        return incoming.ObservedAt == stored.ObservedAt && incoming.Progress > stored.Progress;
    }

    /// <summary>Why a payout to this owner cannot go through Stripe now, or null when it can.</summary>
    public static string? WhyCannotPay(string? accountId, ConnectAccountStatus? status)
    {
        if (accountId is null)
        {
            return "The owner has not connected a Stripe account (POST /api/owner/stripe/onboarding).";
        }

        if (status is null || status.Ready)
        {
            return status is null ? $"Stripe has not yet reported the state of account {accountId}." : null;
        }

        var missing = new List<string>();
        if (!status.PayoutsEnabled)
        {
            missing.Add("payouts are not enabled");
        }

        if (!status.TransfersActive)
        {
            missing.Add("the transfers capability is not active");
        }

        var due = status.CurrentlyDue.Count == 0 ? "" : $"; Stripe still needs: {string.Join(", ", status.CurrentlyDue)}";
        return $"Stripe account {accountId} is not ready: {string.Join(" and ", missing)}{due}.";
    }
}
