namespace GridStream.Domain.Compute;

/// <summary>An account that holds or held a replica of a unit, and the subnet it took it from (e.g. "203.0.113.0/24").</summary>
public sealed record ReplicaHolder(Guid AccountId, string Subnet);
