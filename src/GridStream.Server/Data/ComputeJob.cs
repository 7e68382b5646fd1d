namespace GridStream.Server.Data;

/// <summary>
/// A customer's compute job (DESIGN §6): its code, its replication policy and its price per validated unit. The
/// units live in <see cref="WorkUnit"/>; counts are taken from them rather than kept here, so that thousands of
/// results a second never queue on one job row.
/// </summary>
public sealed class ComputeJob
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public GridStreamUser? Customer { get; set; }
    public required string Name { get; set; }
    public string? SampleName { get; set; }
    public required string Code { get; set; }

    /// <summary>Lowercase hex SHA-256 of the code: agents cache prepared scripts by it.</summary>
    public required string CodeSha256 { get; set; }

    public int Quorum { get; set; }
    public int MaxTotalReplicas { get; set; }
    public int MaxErrors { get; set; }
    public int DeadlineSeconds { get; set; }
    public int CpuMillisPerUnit { get; set; }
    public int MemoryMegabytesPerUnit { get; set; }
    public long PriceCentsPerUnit { get; set; }
    public int UnitCount { get; set; }
    public ComputeJobState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public enum ComputeJobState
{
    Running,
    Completed,
    Cancelled,
}
