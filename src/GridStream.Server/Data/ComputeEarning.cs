namespace GridStream.Server.Data;

/// <summary>
/// Credits a viewer earned for one validated replica, written in the transaction that validated it. The money
/// issue turns these into ledger transfers; the replica id makes each one unique.
/// </summary>
public sealed class ComputeEarning
{
    public long ReplicaId { get; set; }
    public Guid ViewerId { get; set; }
    public Guid JobId { get; set; }
    public long MicroCredits { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a customer owes for one accepted unit, written in the transaction that accepted it (one per unit).</summary>
public sealed class ComputeUsage
{
    public long UnitId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid JobId { get; set; }
    public long AmountCents { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
