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

    /// <summary>
    /// Every account and subnet that ever held a replica of this unit (DESIGN §6: never two on the same one), kept on
    /// the unit so the leasing query checks them on the row it locks instead of probing the replicas for each unit it
    /// walks past.
    /// </summary>
    public Guid[] HolderAccounts { get; set; } = [];

    /// <inheritdoc cref="HolderAccounts"/>
    public string[] HolderSubnets { get; set; } = [];

    /// <summary>
    /// Whether the customer's usage for this unit was booked: a unit accepted again after a caught liar's trust reset
    /// opened it is not billed twice.
    /// </summary>
    public bool UsageBooked { get; set; }

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
