namespace GridStream.Domain.Payouts;

/// <summary>Idempotency keys and ledger keys of Stripe Connect, derived from our ids and Stripe's so a repeat is one effect.</summary>
public static class ConnectKeys
{
    public const string CreditsReversedKind = "payout.credits.reversed";
    public const string UsdReversedKind = "payout.usd.reversed";

    /// <summary>One connected account per owner, however often onboarding is started (within Stripe's key lifetime).</summary>
    public static string AccountIdempotencyKey(Guid ownerId) => $"gridstream-connect-account-{ownerId:N}";

    public static string CreditsReversed(string transferId) => $"stripe-transfer:{transferId}:reversed:credits";

    public static string UsdReversed(string transferId) => $"stripe-transfer:{transferId}:reversed:usd";
}
