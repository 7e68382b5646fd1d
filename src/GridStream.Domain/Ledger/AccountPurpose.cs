namespace GridStream.Domain.Ledger;

/// <summary>What an account is for. With an owner it belongs to a user; without one it is the platform's.</summary>
public enum AccountPurpose
{
    Wallet,
    Earnings,
    Usage,
    CreditIssuance,
    Revenue,
    Fees,
    LicenseEscrow,
    PayoutsInTransit,
    StripeClearing,
    Cash,
    Payable,
}
