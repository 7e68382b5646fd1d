namespace GridStream.Domain.Ledger;

/// <summary>The four running totals of an account (never negative themselves) and the balances read from them.</summary>
public sealed record AccountBalance(long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)
{
    public static readonly AccountBalance Zero = new(0, 0, 0, 0);

    public long Posted => CreditsPosted - DebitsPosted;

    /// <summary>What can still be spent: pending debits are already promised away; pending credits are not here yet.</summary>
    public long Available => Posted - DebitsPending;

    public AccountBalance Apply(AccountDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return new AccountBalance(
            checked(DebitsPosted + delta.DebitsPosted), checked(CreditsPosted + delta.CreditsPosted),
            checked(DebitsPending + delta.DebitsPending), checked(CreditsPending + delta.CreditsPending));
    }
}

/// <summary>A change to an account's totals; pending totals go down when a pending transfer is resolved.</summary>
public sealed record AccountDelta(long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending);
