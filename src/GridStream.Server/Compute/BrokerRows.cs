using GridStream.Domain.Compute;
using GridStream.Server.Data;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>A unit as the broker holds it while its row is locked.</summary>
internal sealed record LockedUnit(
    long Id, Guid JobId, WorkUnitState State, int Wanted, int RequiredAgreement, string? CanonicalSha256, bool UsageBooked)
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "\"Id\", \"JobId\", \"State\", \"Wanted\", \"RequiredAgreement\", \"CanonicalSha256\", \"UsageBooked\"";

    public static LockedUnit Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetGuid(1), Enum.Parse<WorkUnitState>(reader.GetString(2)), reader.GetInt32(3), reader.GetInt32(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6));
}

/// <summary>What the broker needs of a job to judge its units.</summary>
internal sealed record JobTerms(Guid Id, Guid CustomerId, ComputeJobState State, ReplicationPolicy Policy, long PriceCentsPerUnit);

/// <summary>A replica as the broker reviews it.</summary>
internal sealed record ReplicaRow(
    long Id, long UnitId, Guid AccountId, ReplicaState State, ReplicaValidity Validity, string? OutputSha256, bool IsSpotCheck)
{
    public DateTimeOffset Deadline { get; init; }

    /// <summary>Its viewer was credited for it already (see <see cref="Replica.Credited"/>).</summary>
    public bool Credited { get; init; }
}

/// <summary>Something that moves an account's trust: a valid result, an invalid one, or an error.</summary>
internal enum TrustEventKind
{
    Valid,
    Invalid,
    Error,
}

internal sealed record TrustEvent(Guid AccountId, TrustEventKind Kind);
