using GridStream.Domain.Ledger;

namespace GridStream.Server.Payouts;

/// <summary>The ledger side of a payout (money.md): keys, kinds and accounts of its two pending transfers.</summary>
internal static class PayoutKeys
{
    public const string CreditsKind = "payout.credits";
    public const string UsdKind = "payout.usd";
    public const string SaleKind = "license.earnings";
    public const string FeeKind = "license.fee";

    public static readonly AccountRef Issuance = AccountRef.Platform(AccountPurpose.CreditIssuance, Currency.Credits);
    public static readonly AccountRef Revenue = AccountRef.Platform(AccountPurpose.Revenue, Currency.Usd);
    public static readonly AccountRef Cash = AccountRef.Platform(AccountPurpose.Cash, Currency.Usd);

    public static string Credits(Guid payoutId) => $"payout:{payoutId:D}:credits";

    public static string Usd(Guid payoutId) => $"payout:{payoutId:D}:usd";

    public static string Posted(string pendingKey) => $"{pendingKey}:post";

    public static string Voided(string pendingKey) => $"{pendingKey}:void";

    public static AccountRef Earnings(Guid ownerId) => AccountRef.Of(ownerId, AccountPurpose.Earnings, Currency.Credits);

    /// <summary>Owner earnings → credit issuance (the credits are redeemed) and revenue → cash (the dollars leave), both pending.</summary>
    public static IReadOnlyList<TransferRequest> Transfers(Guid payoutId, Guid ownerId, long microCredits, long cents) =>
    [
        new(Credits(payoutId), Earnings(ownerId), Issuance, microCredits, CreditsKind, payoutId.ToString("D"), Pending: true),
        new(Usd(payoutId), Revenue, Cash, cents, UsdKind, payoutId.ToString("D"), Pending: true),
    ];
}
