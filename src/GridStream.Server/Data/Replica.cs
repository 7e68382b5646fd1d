namespace GridStream.Server.Data;

/// <summary>
/// One lease of a unit to one peer, and what came back. The database refuses a second replica of a unit for the same
/// account (a unique index), whatever the code above it does; the leasing query also keeps subnets apart (see
/// <see cref="WorkUnit.HolderSubnets"/>).
/// </summary>
public sealed class Replica
{
    public long Id { get; set; }
    public long UnitId { get; set; }
    public Guid JobId { get; set; }
    public Guid AccountId { get; set; }
    public Guid PeerId { get; set; }
    public required string Subnet { get; set; }
    public DateTimeOffset LeasedAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public ReplicaState State { get; set; }

    /// <summary>
    /// A known-answer check: a replica of a unit already accepted, given to a trusted account to see whether it still
    /// tells the truth. Its result judges the account, never the unit.
    /// </summary>
    public bool IsSpotCheck { get; set; }

    public ReplicaValidity Validity { get; set; }
    public string? OutputSha256 { get; set; }
    public string? Output { get; set; }
    public string? Error { get; set; }
    public int? CpuMillis { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// Whether the viewer was credited for this replica: one accepted alone and judged again after its account was
    /// caught lying keeps the credit it got the first time and is not credited again.
    /// </summary>
    public bool Credited { get; set; }
}

public enum ReplicaState
{
    InFlight,
    Succeeded,
    Errored,
    TimedOut,
}

public enum ReplicaValidity
{
    Unchecked,
    Valid,
    Invalid,
}
