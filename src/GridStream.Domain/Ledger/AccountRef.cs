namespace GridStream.Domain.Ledger;

/// <summary>
/// Names an account by what it is, not by a stored id: the store opens it (at zero) the first time a transfer
/// touches it. Every balance reads as credits minus debits.
/// </summary>
public sealed record AccountRef(Guid? OwnerId, AccountPurpose Purpose, Currency Currency)
{
    public static AccountRef Platform(AccountPurpose purpose, Currency currency) => new(null, purpose, currency);

    public static AccountRef Of(Guid ownerId, AccountPurpose purpose, Currency currency) => new(ownerId, purpose, currency);

    public bool IsPlatform => OwnerId is null;

    /// <summary>
    /// Accounts where money comes from outside the ledger or is owed to it run below zero by design: credit issuance
    /// (every credit in a wallet was issued from it), a customer's usage (what the customer owes), Stripe clearing
    /// and cash (money held, counted from the ledger's side). Everything that holds someone's money — wallets,
    /// earnings, escrow, payouts in transit, revenue, fees, payables — must never go below zero.
    /// </summary>
    public bool MayGoNegative => Purpose is AccountPurpose.CreditIssuance or AccountPurpose.Usage
        or AccountPurpose.StripeClearing or AccountPurpose.Cash;

    public override string ToString() =>
        $"{(OwnerId is { } owner ? owner.ToString() : "platform")}/{Purpose}/{Currency}";
}
