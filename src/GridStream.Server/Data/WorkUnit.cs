namespace GridStream.Server.Data;

/// <summary>
/// One input of a job (BOINC's work unit). <see cref="Wanted"/> is how many more replicas should be handed out now;
/// the leasing query takes units with Wanted &gt; 0 in id order, so jobs are served first come, first served.
/// </summary>
public sealed class WorkUnit
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public int Index { get; set; }

    /// <summary>The input exactly as the customer sent it (valid JSON text).</summary>
    public required string Input { get; set; }

    public WorkUnitState State { get; set; }
    public int Wanted { get; set; }
    public int Issued { get; set; }

    /// <summary>Results that must agree: the job's quorum, or 1 while the unit runs alone on a trusted account.</summary>
    public int RequiredAgreement { get; set; }

    public string? CanonicalSha256 { get; set; }
    public string? CanonicalOutput { get; set; }
    public int AgreedCount { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

public enum WorkUnitState
{
    Open,
    Accepted,
    Failed,
    Cancelled,
}
