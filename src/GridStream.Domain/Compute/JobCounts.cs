namespace GridStream.Domain.Compute;

/// <summary>A job's work units by state.</summary>
public sealed record JobCounts(long Waiting, long InProgress, long Accepted, long Failed)
{
    public long Total => checked(Waiting + InProgress + Accepted + Failed);
}
