using GridStream.Domain.Compute;
using GridStream.Server.Data;

namespace GridStream.Server.Compute;

/// <summary>A unit as the broker holds it while its row is locked.</summary>
internal sealed record LockedUnit(long Id, Guid JobId, WorkUnitState State, int Wanted, int RequiredAgreement, string? CanonicalSha256);

/// <summary>What the broker needs of a job to judge its units.</summary>
internal sealed record JobTerms(Guid Id, Guid CustomerId, ComputeJobState State, ReplicationPolicy Policy, long PriceCentsPerUnit);

/// <summary>A replica as the broker reviews it.</summary>
internal sealed record ReplicaRow(
    long Id, long UnitId, Guid AccountId, ReplicaState State, ReplicaValidity Validity, string? OutputSha256, bool IsSpotCheck)
{
    public DateTimeOffset Deadline { get; init; }
}

/// <summary>Something that moves an account's trust: a valid result, an invalid one, or an error.</summary>
internal enum TrustEventKind
{
    Valid,
    Invalid,
    Error,
}

internal sealed record TrustEvent(Guid AccountId, TrustEventKind Kind);
