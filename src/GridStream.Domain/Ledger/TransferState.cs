namespace GridStream.Domain.Ledger;

/// <summary>
/// The state a transfer row was written with; rows never change. A pending transfer is resolved by a second row in
/// state Posted or Voided that references it.
/// </summary>
public enum TransferState
{
    Pending,
    Posted,
    Voided,
}
