namespace GridStream.Domain.Ledger;

public enum TransferOutcome
{
    Posted,
    PendingCreated,

    /// <summary>The key was used before for the same content: nothing moved again; the result names the first transfer.</summary>
    AlreadyDone,
    KeyReusedWithDifferentContent,
    InsufficientFunds,
    Invalid,

    /// <summary>A pending transfer was voided: its reservation is released and nothing moved.</summary>
    Voided,

    /// <summary>Posting or voiding a pending transfer that another key already posted or voided.</summary>
    PendingAlreadyResolved,
}
