using GridStream.Server.Data;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>What the broker knows of a lease a result names, and why a result for it may not count.</summary>
internal sealed record LeaseFacts(long Id, long UnitId, Guid AccountId, ReplicaState State, DateTimeOffset Deadline, bool IsSpotCheck)
{
    public static NpgsqlBatchCommand ReadCommand(long[] leaseIds) =>
        new("""SELECT "Id", "UnitId", "AccountId", "State", "Deadline", "IsSpotCheck" FROM replicas WHERE "Id" = ANY(@ids)""")
        {
            Parameters = { new("ids", leaseIds) },
        };

    /// <summary>Reads the result of <see cref="ReadCommand"/>, the reader standing at it.</summary>
    public static async Task<Dictionary<long, LeaseFacts>> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var leases = new Dictionary<long, LeaseFacts>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leases[reader.GetInt64(0)] = new LeaseFacts(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), Enum.Parse<ReplicaState>(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5));
        }

        return leases;
    }

    /// <summary>Null when a result from <paramref name="accountId"/> may be recorded now.</summary>
    public static string? WhyRefused(LeaseFacts? lease, Guid accountId, DateTimeOffset now) => lease switch
    {
        null => "there is no such lease",
        _ when lease.AccountId != accountId => "this lease is not yours",
        { State: ReplicaState.Succeeded or ReplicaState.Errored } => "a result for this lease was already recorded",
        { State: ReplicaState.TimedOut } => $"the lease expired at {lease.Deadline:O}; its unit went to another peer",
        _ when lease.Deadline < now => $"the lease expired at {lease.Deadline:O}",
        _ => null,
    };
}
