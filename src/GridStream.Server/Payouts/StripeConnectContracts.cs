namespace GridStream.Server.Payouts;

/// <summary>A fresh Stripe onboarding link for the owner's connected account (single use, expires in minutes).</summary>
public sealed record StripeOnboardingLink(string AccountId, string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// The owner's connected account as Stripe last reported it: whether payouts can be made to it, and if not why and
/// what Stripe still needs (requirements.currently_due).
/// </summary>
public sealed record OwnerStripeAccount(
    bool Connected, string? AccountId, bool PayoutsReady, bool PayoutsEnabled, bool TransfersActive, IReadOnlyList<string> CurrentlyDue,
    string? NotReadyReason, DateTimeOffset? StatusAt);
