namespace GridStream.Domain.Compute;

/// <summary>
/// One accepted unit's price in micro-credits, divided: <see cref="PerReplica"/> to each valid replica's viewer, the
/// rest to the platform (its share plus what an uneven split leaves over). Total = PerReplica × replicas + Platform.
/// </summary>
public sealed record RewardSplit(long TotalMicroCredits, long PerReplica, int ValidReplicas, long PlatformMicroCredits)
{
    public long ViewersMicroCredits => PerReplica * ValidReplicas;
}
