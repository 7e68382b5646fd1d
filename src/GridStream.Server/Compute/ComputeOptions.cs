namespace GridStream.Server.Compute;

/// <summary>The broker's settings (section GridStream:Compute).</summary>
public sealed class ComputeOptions
{
    /// <summary>Most leases one RequestWork call gets.</summary>
    public int MaxLeasesPerRequest { get; set; } = 200;

    /// <summary>Most results one SubmitResults call may carry.</summary>
    public int MaxResultsPerSubmit { get; set; } = 500;

    /// <summary>
    /// Whether trusted accounts may run fresh units alone (adaptive replication, with known-answer checks). Off, every
    /// unit waits for its job's full quorum whoever runs it: costlier, but no result is ever taken on trust.
    /// </summary>
    public bool AdaptiveReplication { get; set; } = true;

    /// <summary>Largest output a unit may return, in bytes of JSON text.</summary>
    public int MaxOutputBytes { get; set; } = 256 * 1024;

    /// <summary>Most work units in one job.</summary>
    public int MaxUnitsPerJob { get; set; } = 1_000_000;

    /// <summary>Largest single input, in bytes of JSON text.</summary>
    public int MaxInputBytes { get; set; } = 64 * 1024;

    /// <summary>Largest NDJSON job upload, in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>How a unit's price converts to viewers' credits: micro-credits per cent.</summary>
    public long MicroCreditsPerCent { get; set; } = 10_000;

    /// <summary>The viewers' share of a unit's price, in percent; the rest is the platform's (FIG. 10).</summary>
    public int ViewerSharePercent { get; set; } = 70;

    /// <summary>Where the sample jobs are (folders with job.json and task.js); default: jobs/ next to the server.</summary>
    public string? SampleJobsPath { get; set; }

    /// <summary>Share of trusted accounts' solo lease rounds that also carry a known-answer check (0 to 1).</summary>
    public double KnownAnswerCheckRate { get; set; } = GridStream.Domain.Compute.KnownAnswerChecks.DefaultRate;
}
