namespace GridStream.Domain.Ledger;

/// <summary>The two ledgers (DESIGN §7). Amounts are integers: USD in cents, credits in micro-credits; never mixed.</summary>
public enum Currency
{
    Usd,
    Credits,
}
