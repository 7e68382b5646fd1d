namespace GridStream.Domain.Compute;

/// <summary>
/// One replica of a work unit as the broker knows it. <paramref name="OutputHash"/> is the SHA-256 of the canonical
/// output (<see cref="CanonicalJson"/>) and is required when <paramref name="Status"/> is Succeeded.
/// </summary>
public sealed record ReplicaOutcome(long ReplicaId, Guid AccountId, ReplicaStatus Status, string? OutputHash)
{
    /// <summary>What the peer said went wrong, for Errored replicas; quoted (shortened) in a failed unit's reason.</summary>
    public string? ErrorMessage { get; init; }
}
