using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// Leases past their deadline, and the leases of a peer that left, time out; their units are reviewed at once,
/// which reissues them (or fails them after too many errors). Runs from the control plane (a Hangfire recurring job),
/// from leasing when a sweep is due, and when a peer disconnects.
/// </summary>
internal sealed class ReapExpiredLeases(NpgsqlDataSource dataSource, UnitReview review, WorkNotifier work, TimeProvider clock)
{
    private const int BatchSize = 500;
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(1);
    private long _lastSweepTicks;

    /// <summary>Sweeps at most once a second however many peers ask for work.</summary>
    public async Task SweepIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now - last < SweepEvery.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now, last) != last)
        {
            return;
        }

        await SweepAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Times out every expired lease, a batch at a time. Returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var reaped = await TimeOutAsync(
                """SELECT "UnitId" FROM replicas WHERE "State" = 'InFlight' AND "Deadline" < @now ORDER BY "Deadline" LIMIT @limit""",
                "\"Deadline\" < @now", null, "the lease expired", cancellationToken).ConfigureAwait(false);
            total += reaped;
            if (reaped < BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>A peer that disconnected will not send its results: its leases are reissued now, not at their deadline.</summary>
    public Task<int> ReleasePeerAsync(Guid peerId, CancellationToken cancellationToken) =>
        TimeOutAsync(
            """SELECT "UnitId" FROM replicas WHERE "State" = 'InFlight' AND "PeerId" = @peer LIMIT @limit""",
            "\"PeerId\" = @peer", peerId, "the peer disconnected", cancellationToken);

    private async Task<int> TimeOutAsync(string findUnits, string which, Guid? peerId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                long[] unitIds;
                await using (var find = new NpgsqlCommand(findUnits, connection, transaction))
                {
                    find.Parameters.AddWithValue("now", now);
                    find.Parameters.AddWithValue("limit", BatchSize);
                    if (peerId is { } peer)
                    {
                        find.Parameters.AddWithValue("peer", peer);
                    }

                    unitIds = await ReadIdsAsync(find, cancellationToken).ConfigureAwait(false);
                }

                if (unitIds.Length == 0)
                {
                    return 0;
                }

                var units = await UnitReview.LockUnitsAsync(connection, transaction, [.. unitIds.Distinct()], cancellationToken).ConfigureAwait(false);
                var timedOut = new List<TrustEvent>();
                await using (var expire = new NpgsqlCommand(
                    $"""
                    UPDATE replicas SET "State" = 'TimedOut', "Error" = @reason, "FinishedAt" = @now
                    WHERE "UnitId" = ANY(@units) AND "State" = 'InFlight' AND {which}
                    RETURNING "AccountId"
                    """, connection, transaction))
                {
                    expire.Parameters.AddWithValue("units", units.Select(u => u.Id).ToArray());
                    expire.Parameters.AddWithValue("reason", reason);
                    expire.Parameters.AddWithValue("now", now);
                    if (peerId is { } peer)
                    {
                        expire.Parameters.AddWithValue("peer", peer);
                    }

                    await using var reader = await expire.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        // A timeout counts like an error against the account (it halves its trust, see TrustRules).
                        timedOut.Add(new TrustEvent(reader.GetGuid(0), TrustEventKind.Error));
                    }
                }

                var outcome = await review.ReviewAsync(connection, transaction, units, timedOut, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                await JobCompletion.FinishDecidedJobsAsync(connection, outcome.DecidedJobs, now, cancellationToken).ConfigureAwait(false);
                if (outcome.NewWork)
                {
                    await work.AnnounceAsync().ConfigureAwait(false);
                }

                return timedOut.Count;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                // Another review held some of these units; everything rolled back, so trying again is safe.
            }
        }
    }

    private static async Task<long[]> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }
}
