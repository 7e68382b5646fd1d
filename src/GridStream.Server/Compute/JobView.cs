using GridStream.Domain.Compute;
using GridStream.Server.Data;

namespace GridStream.Server.Compute;

/// <summary>Turns a stored job and its unit counts into what the customer sees.</summary>
internal static class JobView
{
    /// <summary>The rate is taken over this window: long enough to be steady, short enough to follow changes.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    public static JobDetails NewJob(ComputeJob job) =>
        Details(job, new UnitCounts(job.UnitCount, 0, 0, 0, 0), finishedInWindow: 0);

    public static JobDetails Details(ComputeJob job, UnitCounts counts, long finishedInWindow)
    {
        var progress = JobProgressRules.Compute(
            new JobCounts(counts.Waiting, counts.InProgress, counts.Accepted, counts.Failed), finishedInWindow, RateWindow, job.PriceCentsPerUnit);
        return new JobDetails(
            job.Id, job.Name, job.SampleName, job.State, PolicyOf(job), job.PriceCentsPerUnit, job.UnitCount, counts,
            progress.PercentDone, progress.UnitsPerSecond, progress.EstimatedRemaining is { } left ? (long)Math.Ceiling(left.TotalSeconds) : null,
            progress.CostCents, job.CreatedAt, job.CancelledAt, job.FinishedAt);
    }

    public static ReplicationPolicy PolicyOf(ComputeJob job) => new()
    {
        Quorum = job.Quorum,
        MaxTotalReplicas = job.MaxTotalReplicas,
        MaxErrors = job.MaxErrors,
        DeadlineSeconds = job.DeadlineSeconds,
        CpuMillisPerUnit = job.CpuMillisPerUnit,
        MemoryMegabytesPerUnit = job.MemoryMegabytesPerUnit,
    };
}
