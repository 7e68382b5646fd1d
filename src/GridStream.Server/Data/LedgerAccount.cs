using GridStream.Domain.Ledger;

namespace GridStream.Server.Data;

/// <summary>
/// An account of the double-entry ledger with its running totals. The totals are kept by a trigger on
/// ledger_transfers (see LedgerModel), never written by application code.
/// </summary>
public sealed class LedgerAccount
{
    public long Id { get; set; }
    public Guid? OwnerId { get; set; }
    public AccountPurpose Purpose { get; set; }
    public Currency Currency { get; set; }
    public long DebitsPosted { get; set; }
    public long CreditsPosted { get; set; }
    public long DebitsPending { get; set; }
    public long CreditsPending { get; set; }
    public bool MayGoNegative { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
