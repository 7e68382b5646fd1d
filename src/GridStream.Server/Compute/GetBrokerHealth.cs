using GridStream.Domain.Compute;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// The broker's health for operators: the queue (units waiting, units leased, leases in flight), throughput (units
/// accepted and failed in the last minute), what recent replicas came to (errors, disagreements) and how trust is spread.
/// </summary>
public sealed record BrokerHealth(
    DateTimeOffset At, long UnitsWaiting, long UnitsLeased, long LeasesInFlight, int ThroughputWindowSeconds, long AcceptedInWindow,
    long FailedInWindow, double ValidatedPerSecond, int ReplicaWindowSeconds, int ReplicaWindowMaxRows, ReplicaWindow Replicas,
    int ErrorRatePerTenThousand, int DisagreementRatePerTenThousand, IReadOnlyList<TrustBucket> Trust);

internal static class GetBrokerHealth
{
    public static readonly TimeSpan ThroughputWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan ReplicaLookBack = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The replica window looks back over at most this many of the newest leases (by id, on the primary key), so the
    /// query costs the same however long the table grows and however busy the last five minutes were.
    /// </summary>
    public const int ReplicaWindowMaxRows = 20_000;

    // Every figure is an aggregate over an index: open units only of running jobs ((JobId, State) index), in-flight
    // replicas from their partial index, accepted units from the partial DecidedAt index, failed units of jobs running
    // or finished within the window, replicas by id range, trust grouped by its count capped at the trusted threshold.
    private const string Sql =
        """
        SELECT count(*) FROM compute_jobs j JOIN work_units u ON u."JobId" = j."Id" AND u."State" = 'Open' WHERE j."State" = 'Running';
        SELECT count(*), count(DISTINCT "UnitId") FILTER (WHERE NOT "IsSpotCheck") FROM replicas WHERE "State" = 'InFlight';
        SELECT
            (SELECT count(*) FROM work_units WHERE "State" = 'Accepted' AND "DecidedAt" >= @throughput_since),
            (SELECT count(*) FROM compute_jobs j JOIN work_units u ON u."JobId" = j."Id" AND u."State" = 'Failed'
             WHERE (j."State" = 'Running' OR j."FinishedAt" >= @throughput_since) AND u."DecidedAt" >= @throughput_since);
        SELECT
            count(*) FILTER (WHERE "State" <> 'InFlight'),
            count(*) FILTER (WHERE "Validity" = 'Valid'),
            count(*) FILTER (WHERE "Validity" = 'Invalid'),
            count(*) FILTER (WHERE "State" IN ('Errored', 'TimedOut'))
        FROM replicas
        WHERE "Id" > (SELECT coalesce(max("Id"), 0) FROM replicas) - @max_rows AND "FinishedAt" >= @replica_since;
        SELECT least("ConsecutiveValid", @cap), count(*) FROM compute_trust GROUP BY 1;
        """;

    public static async Task<BrokerHealth> HandleAsync(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot, so a unit moving from leased to accepted mid-report is counted once.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddWithValue("throughput_since", now - ThroughputWindow);
        command.Parameters.AddWithValue("replica_since", now - ReplicaLookBack);
        command.Parameters.AddWithValue("max_rows", (long)ReplicaWindowMaxRows);
        command.Parameters.AddWithValue("cap", TrustDistribution.CountCap);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var open = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var leases = reader.GetInt64(0);
        // A unit can be leased while its job was just cancelled; capped so "waiting" never goes below zero.
        var leasedUnits = Math.Min(open, reader.GetInt64(1));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var (accepted, failed) = (reader.GetInt64(0), reader.GetInt64(1));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var replicas = new ReplicaWindow(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var trustCounts = new List<(int, long)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            trustCounts.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }

        await reader.DisposeAsync().ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        var rates = BrokerRates.Compute(accepted, ThroughputWindow, replicas);
        return new BrokerHealth(
            now, open - leasedUnits, leasedUnits, leases, (int)ThroughputWindow.TotalSeconds, accepted, failed, rates.ValidatedPerSecond,
            (int)ReplicaLookBack.TotalSeconds, ReplicaWindowMaxRows, replicas, rates.ErrorRatePerTenThousand, rates.DisagreementRatePerTenThousand,
            TrustDistribution.Bucket(trustCounts));
    }
}
